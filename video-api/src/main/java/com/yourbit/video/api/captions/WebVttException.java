package com.yourbit.video.api.captions;

/** A WebVTT file that is not valid, with the (1-based) line where that shows. */
public class WebVttException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public WebVttException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
