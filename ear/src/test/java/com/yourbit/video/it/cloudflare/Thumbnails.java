package com.yourbit.video.it.cloudflare;

import org.w3c.dom.Node;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudflare's thumbnail images as its customer subdomain makes them
 * (developers.cloudflare.com/stream/viewing-videos/displaying-thumbnails): {@code thumbnail.jpg}
 * and the animated {@code thumbnail.gif}, sized by {@code width} and {@code height} (each
 * 640 when absent) and {@code fit} ({@code crop}, the default, fills the size exactly;
 * {@code clip} keeps the frame's shape within it; {@code scale} and {@code fill} fill it), at
 * {@code time} (a duration such as {@code 1.5s}, {@code 5m2s}); the GIF runs {@code duration}
 * (default 5 s) at {@code fps} (default 8; at most 15, the bound the Dart {@code cloudflare}
 * package documents, Cloudflare's guide names none). The pictures are plain colour frames of
 * the asked size and count: what a test can measure.
 */
final class Thumbnails {

    /** Far above any thumbnail; Cloudflare's own bound is not documented. */
    static final int MAX_SIDE = 2000;
    static final int MAX_FPS = 15;
    private static final int DEFAULT_SIDE = 640;
    private static final Pattern DURATION = Pattern.compile(
            "(?:([0-9]+(?:\\.[0-9]+)?)h)?(?:([0-9]+(?:\\.[0-9]+)?)m)?(?:([0-9]+(?:\\.[0-9]+)?)s)?");
    private static final Set<String> FITS = Set.of("crop", "clip", "scale", "fill");

    /** A request's parameters that cannot be served: Cloudflare answers 400. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** What one request asks for, read and checked. */
    record Request(double time, double duration, int width, int height, String fit, int fps) {

        static Request of(String rawQuery, boolean animated) throws BadRequest {
            Map<String, String> query = query(rawQuery);
            double time = query.containsKey("time") ? seconds(query.get("time")) : 0;
            double duration = query.containsKey("duration") ? seconds(query.get("duration")) : 5;
            if (animated && duration <= 0) {
                throw new BadRequest("duration must be positive");
            }
            int fps = query.containsKey("fps") ? whole(query.get("fps"), "fps") : 8;
            if (animated && (fps < 1 || fps > MAX_FPS)) {
                throw new BadRequest("fps must be between 1 and " + MAX_FPS);
            }
            String fit = query.getOrDefault("fit", "crop");
            if (!FITS.contains(fit)) {
                throw new BadRequest("fit must be crop, clip, scale or fill");
            }
            int width = query.containsKey("width") ? whole(query.get("width"), "width") : DEFAULT_SIDE;
            int height = query.containsKey("height") ? whole(query.get("height"), "height") : DEFAULT_SIDE;
            if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
                throw new BadRequest("width and height must be between 1 and " + MAX_SIDE);
            }
            return new Request(time, duration, width, height, fit, fps);
        }

        /** The picture's size for a frame of {@code sourceWidth} x {@code sourceHeight}. */
        int[] size(int sourceWidth, int sourceHeight) {
            if (!"clip".equals(fit)) {
                return new int[]{width, height};
            }
            double scale = Math.min((double) width / sourceWidth, (double) height / sourceHeight);
            return new int[]{Math.max(1, (int) Math.round(sourceWidth * scale)), Math.max(1, (int) Math.round(sourceHeight * scale))};
        }

        /** Frames of the GIF: its duration at its rate, cut at the video's end. */
        int frames(double videoSeconds) {
            return Math.max(1, (int) Math.round(Math.min(duration, videoSeconds - time) * fps));
        }
    }

    private Thumbnails() {
    }

    static byte[] jpeg(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(frame(width, height, 0), "jpg", out);
        return out.toByteArray();
    }

    /** An animated GIF of {@code frames} frames, each shown {@code 1/fps} s, looping. */
    static byte[] gif(int width, int height, int frames, int fps) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage image = frame(width, height, i);
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
                String format = metadata.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode control = child(root, "GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("transparentColorIndex", "0");
                control.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(100f / fps))));
                if (i == 0) {
                    IIOMetadataNode extensions = child(root, "ApplicationExtensions");
                    IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                    loop.setAttribute("applicationID", "NETSCAPE");
                    loop.setAttribute("authenticationCode", "2.0");
                    loop.setUserObject(new byte[]{1, 0, 0});
                    extensions.appendChild(loop);
                }
                metadata.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(image, null, metadata), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage frame(int width, int height, int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((40 * index) % 256, 90, 160));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) {
                return (IIOMetadataNode) node;
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** {@code 1.5s}, {@code 8m}, {@code 5m2s}: Cloudflare's (Go's) duration spelling, in seconds. */
    static double seconds(String value) throws BadRequest {
        Matcher m = DURATION.matcher(value == null ? "" : value);
        if (value == null || value.isEmpty() || !m.matches()) {
            throw new BadRequest("not a duration: " + value);
        }
        return part(m.group(1)) * 3600 + part(m.group(2)) * 60 + part(m.group(3));
    }

    private static double part(String value) {
        return value == null ? 0 : Double.parseDouble(value);
    }

    private static int whole(String value, String name) throws BadRequest {
        if (value == null || !value.matches("[0-9]{1,5}")) {
            throw new BadRequest(name + " must be a whole number");
        }
        return Integer.parseInt(value);
    }

    private static Map<String, String> query(String raw) throws BadRequest {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (query.put(name, value) != null) {
                throw new BadRequest("parameter given twice: " + name);
            }
        }
        return query;
    }
}
