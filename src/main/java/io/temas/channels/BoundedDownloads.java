package io.temas.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * How connectors fetch a file a provider names (a WhatsApp media URL, a Messenger attachment, a
 * Telegram file): only from hosts the caller trusts, never following a redirect to anywhere else,
 * at most {@code limit} bytes, and within one deadline for the whole exchange (the HTTP client's
 * request timeout covers only the wait for the headers, so a server that trickles its body would
 * otherwise hold a webhook forever). A redirect is followed, a few times at most, only to a
 * trusted host, and the caller's headers (an access token) go along only when it stays on the same
 * host. The client given must not follow redirects itself.
 */
public final class BoundedDownloads {

    /** How many redirects to trusted hosts one download may take. */
    static final int MAX_REDIRECTS = 3;

    /** What was fetched. */
    public record Fetched(byte[] bytes, String contentType) {
    }

    private BoundedDownloads() {
    }

    /**
     * A client fit for {@link #get}: it never follows a redirect itself, so every hop passes the
     * trusted-host check. The connectors call their provider's API with the same client.
     */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Fetches {@code url} with {@code headers} (name, value pairs).
     *
     * @param trusted which URLs may be fetched at all (the first and every redirect target)
     * @throws IOException for an untrusted URL, an answer other than 2xx, more than {@code limit} bytes, or the deadline passing
     */
    public static Fetched get(HttpClient http, URI url, Predicate<URI> trusted, long limit, Duration deadline, String... headers)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        URI current = url;
        String host = host(url);
        for (int hop = 0; ; hop++) {
            if (!trusted.test(current)) {
                throw new IOException("not fetched from " + current.getScheme() + "://" + current.getHost() + ": not a trusted host");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().timeout(remaining(end));
            if (host(current).equals(host) && headers.length > 0) {
                request.headers(headers);
            }
            HttpResponse<byte[]> response = await(http.sendAsync(request.build(), info -> info.statusCode() / 100 == 2
                    ? new Capped(limit) : HttpResponse.BodySubscribers.replacing(new byte[0])), end);
            int status = response.statusCode();
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                if (hop >= MAX_REDIRECTS) {
                    throw new IOException("too many redirects");
                }
                try {
                    current = current.resolve(response.headers().firstValue("Location").get());
                } catch (IllegalArgumentException e) {
                    throw new IOException("a redirect to an unreadable location");
                }
                continue;
            }
            if (status / 100 != 2) {
                throw new IOException("the download answered " + status);
            }
            return new Fetched(response.body(), response.headers().firstValue("Content-Type").orElse(null));
        }
    }

    /** Whether {@code url} is https on one of {@code domains} (the domain itself or below it). */
    public static boolean httpsOn(URI url, List<String> domains) {
        String host = host(url);
        return "https".equalsIgnoreCase(url.getScheme()) && !host.isEmpty() && domains.stream()
                .map(d -> d.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")).filter(d -> !d.isEmpty())
                .anyMatch(d -> host.equals(d) || host.endsWith("." + d));
    }

    /** Whether {@code url} has the scheme, host and port of {@code base} (the provider's configured API root). */
    public static boolean sameOrigin(URI url, URI base) {
        return url.getScheme() != null && url.getScheme().equalsIgnoreCase(base.getScheme()) && host(url).equals(host(base))
                && port(url) == port(base);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static Duration remaining(long end) throws IOException {
        long left = end - System.nanoTime();
        if (left <= 0) {
            throw new IOException("the download took longer than allowed");
        }
        return Duration.ofNanos(left);
    }

    private static <T> T await(CompletableFuture<T> future, long end) throws IOException, InterruptedException {
        try {
            return future.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("the download took longer than allowed");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "download failed" : cause.getMessage(), cause);
        }
    }

    /** Collects a body and gives up as soon as it passes the limit. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {

        private final long limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Capped(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (out.size() + (long) item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the file is larger than the " + limit + " bytes allowed"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
