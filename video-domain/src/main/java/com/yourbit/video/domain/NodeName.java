package com.yourbit.video.domain;

import java.util.UUID;

/**
 * The name a node writes into the leases and claims it takes (events, moves): the server's
 * node name and a random part, so that a restarted node does not take for its own the leases
 * its former self left behind; at most 64 characters, the columns' width.
 */
public final class NodeName {

    private NodeName() {
    }

    /** A fresh name; {@code role} (may be empty) tells apart two lease holders of one node. */
    public static String fresh(String role) {
        String name = System.getProperty("jboss.node.name", "node") + "-" + (role.isEmpty() ? "" : role + "-")
                + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }
}
