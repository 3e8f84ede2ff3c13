package com.yourbit.video.domain.limits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Objects;

/**
 * The row that serialises one user's creations and upload declarations: locked (SELECT ...
 * FOR UPDATE) before the user's counts are read, on H2 and PostgreSQL alike, and across the
 * nodes of a cluster sharing the database.
 */
@Entity
@Table(name = "user_quota")
public class UserQuota {

    @Id
    @Column(name = "owner_id")
    private String ownerId;

    protected UserQuota() {
        // for JPA
    }

    UserQuota(String ownerId) {
        this.ownerId = Objects.requireNonNull(ownerId);
    }

    public String getOwnerId() { return ownerId; }
}
