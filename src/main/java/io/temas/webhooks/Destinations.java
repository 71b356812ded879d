package io.temas.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a delivery may go to a host: unless private addresses are allowed, none of the addresses the host's name
 * resolves to may be loopback, unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (cloud
 * metadata at 169.254.169.254 among them), carrier-grade NAT (100.64/10) or multicast. Asked when a subscription is
 * saved and again before every send, since a name can come to point elsewhere.
 */
final class Destinations {

    /** Looks a host name up; the DNS in production, a table in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    Destinations(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    static Destinations of(DeliverySettings settings) {
        return new Destinations(settings.allowPrivateAddresses(), InetAddress::getAllByName);
    }

    /**
     * Why {@code host} may not be called, empty when it may. A name that does not resolve is not refused here (the
     * send fails and is retried, as for a receiver that is down).
     */
    Optional<String> refusal(String host) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Arrays.stream(addresses).filter(Destinations::internal).findFirst()
                .map(a -> host + " resolves to " + a.getHostAddress() + ", an internal address (temas.webhooks.delivery.allow-private-addresses is off)");
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            // An IPv4 address written as IPv6 (::ffff:a.b.c.d, ::a.b.c.d) is judged as the IPv4 address.
            boolean mapped = Arrays.equals(Arrays.copyOf(b, 10), new byte[10]) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff)
                    || (b[10] == 0 && b[11] == 0));
            if (mapped) {
                try {
                    return internal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }
}
