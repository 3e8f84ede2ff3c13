package com.yourbit.video.web.upload;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** An upload request refused with a ready problem response (tus headers included). */
final class TusRefusal extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    TusRefusal(Response response) {
        super(withTusHeader(response));
    }

    private static Response withTusHeader(Response response) {
        return Response.fromResponse(response).header(TusHeaders.RESUMABLE, TusHeaders.VERSION).build();
    }
}
