package com.yourbit.video.web;

/** The roles the JWT {@code groups} claim grants. */
public final class Roles {
    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
