package com.yourbit.video.web.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Verifies an RS256 JWT with the public half of the development key (what dev.cli makes the server trust). */
final class DevKeyCheck {

    private DevKeyCheck() {
    }

    static boolean verifies(String jwt) throws Exception {
        String pem = Files.readString(Path.of("../wildfly-config/dev/jwt-public.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        int lastDot = jwt.lastIndexOf('.');
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }
}
