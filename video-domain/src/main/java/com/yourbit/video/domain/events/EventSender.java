package com.yourbit.video.domain.events;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one event to one endpoint as Standard Webhooks do: POST of the stored body, with
 * {@code webhook-id}, {@code webhook-timestamp} (the attempt's time, so a retry a day later
 * still passes a receiver's tolerance) and {@code webhook-signature}. Redirects are not followed
 * (a receiver moves by configuration); the endpoint's body is never read beyond its status.
 */
final class EventSender {

    private final HttpClient http;
    private final Clock clock;

    EventSender(Duration connectTimeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = clock;
    }

    CompletableFuture<DeliveryLedger.Attempt> send(DeliveryLedger.Claimed delivery, byte[] key, Duration timeout) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(delivery.endpoint())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "yourbit-video-events")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(key, delivery.eventId(), timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new DeliveryLedger.Attempt(response.statusCode(),
                        retryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                        response.statusCode() / 100 == 2 ? null : "the endpoint answered " + response.statusCode()))
                .exceptionally(failure -> new DeliveryLedger.Attempt(null, null, describe(failure, timeout)));
    }

    /** Retry-After as seconds or as an HTTP date; nonsense is ignored. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.strip().matches("[0-9]{1,9}") ? Duration.ofSeconds(Long.parseLong(value.strip()))
                    : Duration.between(clock.instant(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String describe(Throwable failure, Duration timeout) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "the endpoint refused the connection or could not be reached";
        }
        if (cause instanceof IOException) {
            return "the connection failed: " + cause.getClass().getSimpleName();
        }
        return "the request could not be sent: " + cause.getClass().getSimpleName();
    }
}
