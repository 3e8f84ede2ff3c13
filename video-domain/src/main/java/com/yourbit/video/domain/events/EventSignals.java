package com.yourbit.video.domain.events;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells whoever waits for new events (the dispatcher, live feeds) that some were committed on
 * this node; the others find them at their next poll of the table.
 */
@ApplicationScoped
public class EventSignals {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void listen(Runnable listener) {
        listeners.add(listener);
    }

    public void forget(Runnable listener) {
        listeners.remove(listener);
    }

    void committed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A listener's trouble is its own; the commit is done.
            }
        }
    }
}
