package com.yourbit.video.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;

/** The webhook_receipt table: what became of signed webhook deliveries. Runs in the caller's transaction. */
@ApplicationScoped
public class WebhookReceiptRepository {

    @PersistenceContext(unitName = "video")
    EntityManager em;

    public void record(WebhookReceipt receipt) {
        em.persist(receipt);
    }

    public List<WebhookReceipt> latest(int limit) {
        return em.createQuery("select r from WebhookReceipt r order by r.receivedAt desc", WebhookReceipt.class)
                .setMaxResults(limit).getResultList();
    }

    public int deleteBefore(Instant before) {
        return em.createQuery("delete from WebhookReceipt r where r.receivedAt < :before")
                .setParameter("before", before).executeUpdate();
    }
}
