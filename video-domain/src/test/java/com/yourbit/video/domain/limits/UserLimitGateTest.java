package com.yourbit.video.domain.limits;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.VideoId;
import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserLimitGateTest {

    /**
     * Records the transactions the gate starts, in order; the first {@code failures} calls fail
     * as a row added by another node at the same moment makes them fail (on the key).
     */
    static class RecordedTransactions extends UserLimitTransactions {
        final List<String> calls = new ArrayList<>();
        int failures;

        @Override
        public void addUser(String ownerId) {
            record("addUser " + ownerId);
        }

        @Override
        public void reserve(String ownerId, VideoId videoId) {
            record("reserve " + ownerId);
        }

        @Override
        public Optional<String> ownerOfWaitingUpload(VideoId videoId) {
            calls.add("owner " + videoId.value());
            return Optional.of("ann");
        }

        @Override
        public void declare(String ownerId, VideoId videoId, long length) {
            calls.add("declare " + ownerId);
        }

        private void record(String call) {
            calls.add(call);
            if (failures > 0) {
                failures--;
                throw new EJBException("duplicate key");
            }
        }
    }

    private static UserLimitGate gate(RecordedTransactions transactions) {
        UserLimitGate gate = new UserLimitGate();
        gate.transactions = transactions;
        return gate;
    }

    @Test
    void aCreationIsOneTransactionForANewUserAndForAKnownOne() {
        RecordedTransactions transactions = new RecordedTransactions();
        UserLimitGate gate = gate(transactions);

        gate.reserveCreation("ann", VideoId.of("v1"));
        gate.reserveCreation("ann", VideoId.of("v2"));
        gate.reserveCreation("bob", VideoId.of("v3"));

        assertThat(transactions.calls).containsExactly("reserve ann", "reserve ann", "reserve bob");
    }

    @Test
    void aFirstCreationThatLosesTheRaceForTheUsersRowIsReservedOnceMore() {
        RecordedTransactions transactions = new RecordedTransactions();
        transactions.failures = 1;
        UserLimitGate gate = gate(transactions);

        gate.reserveCreation("ann", VideoId.of("v1"));
        gate.reserveCreation("ann", VideoId.of("v2"));

        assertThat(transactions.calls).containsExactly("reserve ann", "reserve ann", "reserve ann");
    }

    @Test
    void aLimitRefusalIsNotTriedAgain() {
        RecordedTransactions transactions = new RecordedTransactions() {
            @Override
            public void reserve(String ownerId, VideoId videoId) {
                calls.add("reserve " + ownerId);
                throw new LimitExceededException(ErrorCode.PENDING_LIMIT_EXCEEDED, "too many", Duration.ofSeconds(1));
            }
        };
        UserLimitGate gate = gate(transactions);

        assertThatThrownBy(() -> gate.reserveCreation("ann", VideoId.of("v1"))).isInstanceOf(LimitExceededException.class);
        assertThat(transactions.calls).containsExactly("reserve ann");
    }

    /**
     * A user refused at its first creation on this node has its row (it was counted): its next
     * creations run side by side, not one at a time behind the lock that first uses take turns
     * on (which other new users share), however many a flood of refusals brings.
     */
    @Test
    void aUserRefusedOnceNoLongerTakesTurnsWithFirstUses() throws Exception {
        CountDownLatch secondInside = new CountDownLatch(1);
        CountDownLatch thirdInside = new CountDownLatch(1);
        AtomicInteger reservations = new AtomicInteger();
        AtomicBoolean sideBySide = new AtomicBoolean();
        RecordedTransactions transactions = new RecordedTransactions() {
            @Override
            public void reserve(String ownerId, VideoId videoId) {
                switch (reservations.incrementAndGet()) {
                    case 1 -> throw new LimitExceededException(ErrorCode.PENDING_LIMIT_EXCEEDED, "too many", Duration.ofSeconds(1));
                    case 2 -> {
                        secondInside.countDown();
                        try {
                            sideBySide.set(thirdInside.await(5, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    default -> thirdInside.countDown();
                }
            }
        };
        UserLimitGate gate = gate(transactions);
        assertThatThrownBy(() -> gate.reserveCreation("ann", VideoId.of("v1"))).isInstanceOf(LimitExceededException.class);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> second = threads.submit(() -> gate.reserveCreation("ann", VideoId.of("v2")));
            assertThat(secondInside.await(5, TimeUnit.SECONDS)).isTrue();
            Future<?> third = threads.submit(() -> gate.reserveCreation("ann", VideoId.of("v3")));
            second.get(10, TimeUnit.SECONDS);
            third.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(sideBySide).isTrue();
    }

    @Test
    void aDeclarationAddsANewUsersRowFirstAndAsksAgainWhenThatFailed() {
        RecordedTransactions transactions = new RecordedTransactions();
        transactions.failures = 1;
        UserLimitGate gate = gate(transactions);

        gate.declareUpload(VideoId.of("v1"), 10);
        gate.declareUpload(VideoId.of("v1"), 20);
        gate.declareUpload(VideoId.of("v1"), 30);

        assertThat(transactions.calls).containsExactly("owner v1", "addUser ann", "declare ann",
                "owner v1", "addUser ann", "declare ann", "owner v1", "declare ann");
    }
}
