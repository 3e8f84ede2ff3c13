package com.yourbit.video.api.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestUrlPolicyTest {

    /** A DNS of our own: which names resolve, and to what. */
    private static final Map<String, String[]> DNS = Map.of(
            "videos.example.com", new String[] {"93.184.216.34"},
            "cdn.example.net", new String[] {"2606:2800:220:1:248:1893:25c8:1946"},
            "loopback.example.com", new String[] {"127.0.0.1"},
            "private.example.com", new String[] {"10.1.2.3"},
            "mixed.example.com", new String[] {"93.184.216.34", "192.168.1.10"},
            "metadata.example.com", new String[] {"169.254.169.254"},
            "ula.example.com", new String[] {"fd12:3456::1"},
            "mapped.example.com", new String[] {"::ffff:7f00:1"},
            "localhost", new String[] {"127.0.0.1"},
            "trusted.internal.example", new String[] {"10.9.9.9"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] found = DNS.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[found.length];
        for (int i = 0; i < found.length; i++) {
            addresses[i] = InetAddress.getByAddress(host, InetAddress.getByName(found[i]).getAddress());
        }
        return addresses;
    }

    private final IngestUrlPolicy strict = IngestUrlPolicy.of("", IngestUrlPolicyTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {
            // loopback, any, private, CGNAT, link-local and metadata, multicast, reserved
            "http://127.0.0.1/video.mp4",
            "http://127.0.0.1:8080/video.mp4",
            "http://127.255.255.254/",
            "http://0.0.0.0/",
            "http://10.0.0.1/",
            "http://172.16.0.1/",
            "http://172.31.255.255/",
            "http://192.168.0.1/",
            "http://100.64.0.1/",
            "http://100.127.255.255/",
            "http://169.254.169.254/latest/meta-data/",
            "http://169.254.170.2/v2/credentials",
            "http://192.0.0.192/",
            "http://224.0.0.1/",
            "http://239.255.255.250/",
            "http://255.255.255.255/",
            "http://198.18.0.1/",
            // IPv6: loopback, unspecified, mapped and compatible IPv4, ULA, link-local, multicast, NAT64, 6to4
            "http://[::1]/",
            "http://[::]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[::ffff:169.254.169.254]/",
            "http://[::127.0.0.1]/",
            "http://[fd00::1]/",
            "http://[fd00:ec2::254]/",
            "http://[fc00::1]/",
            "http://[fe80::1]/",
            "http://[fe80::1%25eth0]/",
            "http://[ff02::1]/",
            "http://[64:ff9b::7f00:1]/",
            "http://[2002:7f00:1::]/",
            // other spellings of 127.0.0.1
            "http://2130706433/",
            "http://0177.0.0.1/",
            "http://0x7f.0.0.1/",
            "http://0x7f.1/",
            "http://127.1/",
            "http://0x7f000001/",
            "http://017700000001/",
            "http://127.0.0.1./",
            // names: local by definition, resolving to refused addresses, unresolvable
            "http://localhost/",
            "http://localhost./",
            "http://LOCALHOST:8080/",
            "http://foo.localhost/",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://metadata.google.internal./computeMetadata/v1/",
            "http://printer.local/",
            "http://loopback.example.com/video.mp4",
            "http://loopback.example.com./video.mp4",
            "http://private.example.com/",
            "http://mixed.example.com/",
            "http://metadata.example.com/",
            "http://ula.example.com/",
            "http://mapped.example.com/",
            "http://does-not-resolve.example.com/",
            // schemes
            "HTTP://127.0.0.1/",
            "file:///etc/passwd",
            "FILE:///etc/passwd",
            "ftp://videos.example.com/video.mp4",
            "gopher://videos.example.com:70/_GET",
            "jar:http://videos.example.com/a.jar!/video.mp4",
            "data:video/mp4;base64,AAAA",
            "javascript:alert(1)",
            "dict://videos.example.com:11211/",
            // user info tricks, relative and malformed URLs
            "http://evil@127.0.0.1/",
            "http://videos.example.com@127.0.0.1/",
            "http://user:pass@videos.example.com/video.mp4",
            "http://127.0.0.1#@videos.example.com/",
            "http://videos.example.com\\@127.0.0.1/",
            "//videos.example.com/video.mp4",
            "/video.mp4",
            "videos.example.com/video.mp4",
            "http:///video.mp4",
            "http://videos.example.com:0/",
            "http://vid eos.example.com/",
            "http://vidéos.example.com/",
            "http://videos.example.com/\nHost: evil",
            "",
    })
    void refuses(String url) {
        assertThrows(IngestUrlRefusedException.class, () -> strict.check(url), url);
    }

    @Test
    void refusesOverlongUrls() {
        String url = "https://videos.example.com/" + "a".repeat(IngestUrlPolicy.MAX_LENGTH);
        IngestUrlRefusedException refused = assertThrows(IngestUrlRefusedException.class, () -> strict.check(url));
        assertTrue(refused.getMessage().contains("longer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://videos.example.com/video.mp4",
            "http://videos.example.com:8080/a/b.mp4?sig=abc&exp=1",
            "HTTPS://VIDEOS.EXAMPLE.COM/video.mp4",
            "https://videos.example.com./video.mp4",
            "https://93.184.216.34/video.mp4",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/video.mp4",
            "https://cdn.example.net/video.mp4",
            "https://8.8.8.8/video.mp4",
    })
    void allowsPublicHosts(String url) {
        IngestTarget target = strict.check(url);
        assertFalse(target.allowListed());
        assertFalse(target.addresses().isEmpty());
        assertTrue(target.url().getScheme().equals("http") || target.url().getScheme().equals("https"));
    }

    @Test
    void theTargetCarriesTheCheckedAddressesAndTheHostForTls() {
        IngestTarget target = strict.check("HTTPS://Videos.Example.com./v.mp4");
        assertEquals("videos.example.com", target.host());
        assertEquals(443, target.port());
        assertTrue(target.secure());
        assertEquals("93.184.216.34", target.addresses().get(0).getHostAddress());
        assertEquals("https", target.url().getScheme());
        assertEquals("videos.example.com", target.hostHeader());
    }

    @Test
    void anAllowedHostAndPortBypassesTheAddressCheckForExactlyThatHostAndPort() {
        IngestUrlPolicy policy = IngestUrlPolicy.of(" 127.0.0.1:18281 , trusted.internal.example,[::1]:9000", IngestUrlPolicyTest::resolve);
        IngestTarget target = policy.check("http://127.0.0.1:18281/sample.mp4");
        assertTrue(target.allowListed());
        assertEquals("127.0.0.1:18281", target.hostHeader());
        assertTrue(policy.check("https://trusted.internal.example/v.mp4").allowListed());
        assertTrue(policy.check("http://trusted.internal.example:8443/v.mp4").allowListed());
        assertTrue(policy.check("http://[::1]:9000/v.mp4").allowListed());
        // the same address on another port, another spelling of it, or another loopback host: refused
        assertThrows(IngestUrlRefusedException.class, () -> policy.check("http://127.0.0.1:18282/sample.mp4"));
        assertThrows(IngestUrlRefusedException.class, () -> policy.check("http://127.0.0.1/sample.mp4"));
        assertThrows(IngestUrlRefusedException.class, () -> policy.check("http://localhost:18281/sample.mp4"));
        assertThrows(IngestUrlRefusedException.class, () -> policy.check("http://2130706433:18281/sample.mp4"));
        assertThrows(IngestUrlRefusedException.class, () -> policy.check("http://[::1]:9001/v.mp4"));
        // the scheme and user info rules still apply
        assertThrows(IngestUrlRefusedException.class, () -> policy.check("ftp://127.0.0.1:18281/sample.mp4"));
        assertThrows(IngestUrlRefusedException.class, () -> policy.check("http://u@127.0.0.1:18281/sample.mp4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host:port", "host:0", "host:70000", "[::1", "a/b", "u@h"})
    void malformedAllowedHostsAreRefused(String setting) {
        assertThrows(IllegalArgumentException.class, () -> IngestUrlPolicy.of(setting));
    }

    @Test
    void theJdkResolverRefusesLocalhost() {
        IngestUrlPolicy jdk = IngestUrlPolicy.of("");
        assertThrows(IngestUrlRefusedException.class, () -> jdk.check("http://localhost:8080/"));
        assertThrows(IngestUrlRefusedException.class, () -> jdk.check("http://127.0.0.1:8080/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.255.0.1", "169.254.169.254", "::1", "fe80::abcd", "fd00::1", "::ffff:10.0.0.1",
            "ff05::2", "100.100.100.200"})
    void blockedAddresses(String address) throws UnknownHostException {
        assertTrue(BlockedAddresses.whyBlocked(InetAddress.getByName(address)).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111"})
    void publicAddresses(String address) throws UnknownHostException {
        assertFalse(BlockedAddresses.whyBlocked(InetAddress.getByName(address)).isPresent(), address);
    }
}
