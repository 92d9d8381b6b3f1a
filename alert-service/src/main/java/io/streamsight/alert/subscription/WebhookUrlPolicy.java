package io.streamsight.alert.subscription;

import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook URLs the service will call: http(s) only, and, unless configuration allows it,
 * never loopback, private or link-local addresses (a subscription must not turn the service into
 * a proxy into its own network). Every address the host resolves to is checked.
 */
@ApplicationScoped
public class WebhookUrlPolicy {

    private final boolean allowLoopback;
    private final boolean allowPrivateNetworks;

    @Inject
    public WebhookUrlPolicy(AlertServiceConfig config) {
        this(config.webhooks().allowLoopback(), config.webhooks().allowPrivateNetworks());
    }

    WebhookUrlPolicy(boolean allowLoopback, boolean allowPrivateNetworks) {
        this.allowLoopback = allowLoopback;
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw refused("url is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw refused("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https webhooks are supported, not '" + url + "'");
        }
        if (uri.getHost() == null) {
            throw refused("'" + url + "' has no host");
        }
        if (uri.getUserInfo() != null) {
            throw refused("credentials in the URL are not accepted; the body is signed instead");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw refused("host '" + uri.getHost() + "' cannot be resolved");
        }
        for (InetAddress address : addresses) {
            String why = forbidden(address);
            if (why != null) {
                throw refused("'" + uri.getHost() + "' resolves to " + address.getHostAddress() + ", " + why);
            }
        }
        return uri;
    }

    private String forbidden(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return "which is not a unicast host address";
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback address (allowed only with streamsight.webhooks.allow-loopback)";
        }
        if (address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || isUniqueLocal(address)
                || isSharedAddressSpace(address)) {
            return allowPrivateNetworks
                    ? null
                    : "a private or link-local address (allowed only with streamsight.webhooks.allow-private-networks)";
        }
        return null;
    }

    /** IPv6 unique local addresses, fc00::/7. */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** Carrier-grade NAT space, 100.64.0.0/10 (RFC 6598). */
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(400, "invalid-webhook-url", "Webhook URL refused", detail);
    }
}
