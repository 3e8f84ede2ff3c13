package com.yourbit.video.providers.mux;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Mux API authentication: HTTP Basic with the access token id and secret. */
final class MuxBasicAuth implements ClientRequestFilter {

    private final String header;

    MuxBasicAuth(String tokenId, String tokenSecret) {
        this.header = "Basic " + Base64.getEncoder().encodeToString(
                (tokenId + ":" + tokenSecret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
    }

    @Override
    public String toString() {
        return "MuxBasicAuth[credentials hidden]";
    }
}
