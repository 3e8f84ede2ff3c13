// DEVELOPMENT ONLY. Prints a JWT signed with the development key (jwt-private.pem beside
// this file), which only a server configured by dev.cli trusts.
//
//   java wildfly-config/dev/DevJwt.java alice          # a user
//   java wildfly-config/dev/DevJwt.java root admin     # an admin (groups user, admin)
//
// Plain JDK, no dependencies, so it runs with the source launcher from the repository root.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

public class DevJwt {

    static final String ISSUER = "https://dev.yourbit.local";
    /** The audience the service requires by default (mp.jwt.verify.audiences). */
    static final String AUDIENCE = "yourbit-video";

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].matches("[A-Za-z0-9_.@-]{1,64}")) {
            System.err.println("usage: java wildfly-config/dev/DevJwt.java <user> [admin] [ttl-seconds]");
            System.exit(2);
        }
        String user = args[0];
        boolean admin = args.length > 1 && args[1].equals("admin");
        long ttl = args.length > 2 ? Long.parseLong(args[2]) : 8 * 3600;
        Path keyFile = Path.of(System.getProperty("dev.jwt.key", "wildfly-config/dev/jwt-private.pem"));
        System.out.println(token(keyFile, user, admin, ttl));
    }

    static String token(Path keyFile, String user, boolean admin, long ttlSeconds) throws Exception {
        String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        long now = Instant.now().getEpochSecond();
        String groups = admin ? "[\"user\",\"admin\"]" : "[\"user\"]";
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"yourbit-dev\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\",\"groups\":" + groups
                + ",\"iat\":" + now + ",\"exp\":" + (now + ttlSeconds) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(rsa.sign());
    }
}
