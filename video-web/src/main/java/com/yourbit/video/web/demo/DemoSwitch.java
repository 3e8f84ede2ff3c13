package com.yourbit.video.web.demo;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whether the development demo is on. Three things must hold, so that no single mistake turns it
 * on in production: {@code video.demo.enabled=true} (set only by wildfly-config/dev/dev.cli,
 * false by default), the server trusting the development issuer (the tokens the demo mints are
 * worthless anywhere else), and the development private key readable at {@code video.demo.jwt-key}
 * (configure.sh copies it into a development server only; {@code --production} removes it).
 */
@ApplicationScoped
public class DemoSwitch {

    private static final Logger LOG = Logger.getLogger(DemoSwitch.class.getName());
    /** The issuer of wildfly-config/dev/DevJwt.java, which only dev.cli makes the server trust. */
    static final String DEV_ISSUER = "https://dev.yourbit.local";

    @Inject
    @ConfigProperty(name = "video.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "video.demo.jwt-key")
    Optional<String> key;

    private volatile boolean on;

    @PostConstruct
    void decide() {
        on = decide(enabled, issuer, key);
    }

    /** The rule, apart from configuration reading (and the one warning when it says off). */
    static boolean decide(boolean enabled, Optional<String> issuer, Optional<String> key) {
        if (!enabled) {
            return false;
        }
        if (!issuer.map(DEV_ISSUER::equals).orElse(false)) {
            LOG.warning("video.demo.enabled is set, but this server does not trust the development JWT issuer: "
                    + "the demo page stays off");
            return false;
        }
        if (key.isEmpty() || key.get().isBlank() || !Files.isReadable(Path.of(key.get()))) {
            LOG.warning("video.demo.enabled is set, but video.demo.jwt-key names no readable development key: "
                    + "the demo page stays off");
            return false;
        }
        return true;
    }

    public boolean on() {
        return on;
    }

    /** The development private key (PKCS#8 PEM); only meaningful when {@link #on()}. */
    Path key() {
        return Path.of(key.orElseThrow());
    }
}
