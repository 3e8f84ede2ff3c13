package com.yourbit.video.domain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeNameTest {

    @AfterEach
    void forgetNodeName() {
        System.clearProperty("jboss.node.name");
    }

    @Test
    void namesTheNodeAndRoleAndDiffersEachTime() {
        System.setProperty("jboss.node.name", "node-a");

        String first = NodeName.fresh("reports");

        assertThat(first).matches("node-a-reports-[0-9a-f]{8}");
        assertThat(NodeName.fresh("reports")).isNotEqualTo(first);
        assertThat(NodeName.fresh("")).matches("node-a-[0-9a-f]{8}");
    }

    @Test
    void aLongNodeNameKeepsItsEndWhereTheNamesDiffer() {
        System.setProperty("jboss.node.name", "x".repeat(100));

        String name = NodeName.fresh("");

        assertThat(name).hasSize(64).matches("x{55}-[0-9a-f]{8}");
    }
}
