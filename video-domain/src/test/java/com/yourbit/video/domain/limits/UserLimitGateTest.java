package com.yourbit.video.domain.limits;

import com.yourbit.video.api.VideoId;
import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserLimitGateTest {

    /** Records the transactions the gate starts, in order; the first {@code failures} addUser calls fail. */
    static final class RecordedTransactions extends UserLimitTransactions {
        final List<String> calls = new ArrayList<>();
        int failures;

        @Override
        public void addUser(String ownerId) {
            calls.add("addUser " + ownerId);
            if (failures > 0) {
                failures--;
                throw new EJBException("duplicate key");
            }
        }

        @Override
        public void reserve(String ownerId, VideoId videoId) {
            calls.add("reserve " + ownerId);
        }
    }

    private static UserLimitGate gate(RecordedTransactions transactions) {
        UserLimitGate gate = new UserLimitGate();
        gate.transactions = transactions;
        return gate;
    }

    @Test
    void aNewUserCostsOneTransactionBeforeTheReservationAndAKnownOneNone() {
        RecordedTransactions transactions = new RecordedTransactions();
        UserLimitGate gate = gate(transactions);

        gate.reserveCreation("ann", VideoId.of("v1"));
        gate.reserveCreation("ann", VideoId.of("v2"));
        gate.reserveCreation("bob", VideoId.of("v3"));

        assertThat(transactions.calls).containsExactly(
                "addUser ann", "reserve ann", "reserve ann", "addUser bob", "reserve bob");
    }

    @Test
    void aUserWhoseRowCouldNotBeAddedIsAskedAboutAgain() {
        RecordedTransactions transactions = new RecordedTransactions();
        transactions.failures = 1;
        UserLimitGate gate = gate(transactions);

        gate.reserveCreation("ann", VideoId.of("v1"));
        gate.reserveCreation("ann", VideoId.of("v2"));
        gate.reserveCreation("ann", VideoId.of("v3"));

        assertThat(transactions.calls).containsExactly(
                "addUser ann", "reserve ann", "addUser ann", "reserve ann", "reserve ann");
    }
}
