package io.temas.channels.email;

import io.temas.channels.HtmlSanitiser;
import io.temas.channels.InboundAttachment;
import io.temas.channels.InboundMessage;
import io.temas.channels.email.MimeText.HeaderValue;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads raw RFC 822 bytes into a {@link ParsedEmail} with Jakarta Mail. Never throws anything but
 * {@link MalformedEmail}.
 *
 * <p>Jakarta Mail splits the message into headers and parts; the textual layers (transfer encodings,
 * charsets, encoded words, RFC 2231 parameters) are decoded leniently by {@link MimeText}, so a bad
 * charset or broken base64 costs at most that part, never the message.
 */
public final class MimeParser {

    /** Deeper nesting of multiparts than this is refused: no real client nests that deep. */
    static final int MAX_DEPTH = 20;

    private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]++[ \\t]*+:", Pattern.MULTILINE);

    /** Longer address headers are scanned for addresses rather than parsed (see {@link #isReasonable}). */
    private static final int MAX_ADDRESS_HEADER = 32 * 1024;

    private static final Pattern VALID_ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"\\\\@]{1,64}@[^\\s<>()\\[\\],;:\"\\\\@]{1,255}");

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,998}>");

    private final EmailLimits limits;

    private final Session session;

    public MimeParser(EmailLimits limits) {
        MailSessions.nameStreamProvider();
        this.limits = limits;
        this.session = Session.getInstance(sessionProperties());
    }

    /**
     * Jakarta Mail's switches for reading real-world mail leniently. Some are read from JVM-wide system
     * properties instead of the session; the parser does not depend on those (see {@link MimeText}).
     */
    private static Properties sessionProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        properties.setProperty("mail.mime.parameters.strict", "false");
        properties.setProperty("mail.mime.applefilenames", "true");
        properties.setProperty("mail.mime.windowsfilenames", "true");
        properties.setProperty("mail.mime.ignoreunknownencoding", "true");
        properties.setProperty("mail.mime.base64.ignoreerrors", "true");
        properties.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        properties.setProperty("mail.mime.uudecode.ignoremissingbeginend", "true");
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        properties.setProperty("mail.mime.multipart.allowempty", "true");
        properties.setProperty("mail.mime.allowutf8", "false");
        return properties;
    }

    public ParsedEmail parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new MalformedEmail("message is empty");
        }
        if (raw.length > limits.maxMessageBytes()) {
            throw new MalformedEmail("message is larger than " + limits.maxMessageBytes() + " bytes (" + raw.length + " bytes)");
        }
        try {
            return read(raw);
        } catch (MalformedEmail e) {
            throw e;
        } catch (MessagingException | IOException e) {
            throw new MalformedEmail("cannot read the message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MalformedEmail("cannot read the message: " + e, e);
        } catch (StackOverflowError e) {
            throw new MalformedEmail("message is nested too deeply", e);
        }
    }

    private ParsedEmail read(byte[] raw) throws MessagingException, IOException {
        int start = headerStart(raw);
        if (!hasHeader(raw, start)) {
            throw new MalformedEmail("no header found: the message must start with header fields such as From: and Subject:");
        }
        MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(raw, start, raw.length - start));

        Body body = new Body();
        HeaderValue type = contentType(message, "");
        walk(message, type, 0, "", body);

        String htmlSource = body.html.isEmpty() ? null : String.join("\n", body.html);
        String plain = normalise(String.join("\n", body.plain));
        String text;
        String displayText;
        if (plain.isBlank() && htmlSource != null) {
            text = normalise(HtmlSanitiser.toText(htmlSource));
            displayText = QuoteStripper.displayText(normalise(HtmlSanitiser.toText(QuoteStripper.htmlWithoutQuotes(htmlSource))));
            if (displayText.isBlank()) {
                displayText = text;
            }
        } else {
            text = plain;
            displayText = QuoteStripper.displayText(plain);
        }
        String html = htmlSource == null ? null : MimeText.clean(HtmlSanitiser.sanitise(htmlSource));
        List<InboundAttachment> attachments = body.attachments.stream().map(found -> found.attachment(htmlSource)).toList();

        Mailbox from = first(addresses(message, "From"));
        if (from == null) {
            from = first(addresses(message, "Sender"));
        }
        String fromAddress = from == null ? null : from.address();
        if (fromAddress == null && text.isBlank() && html == null && attachments.isEmpty()) {
            throw new MalformedEmail("message has neither a sender (From:) nor a body");
        }
        String fromName = from == null ? null : from.name();
        Mailbox replyToAddress = first(addresses(message, "Reply-To"));
        String replyTo = replyToAddress == null || replyToAddress.address().equals(fromAddress) ? null : replyToAddress.address();
        Set<String> recipientSet = new LinkedHashSet<>();
        addresses(message, "To").forEach(mailbox -> recipientSet.add(mailbox.address()));
        addresses(message, "Cc").forEach(mailbox -> recipientSet.add(mailbox.address()));
        List<String> recipients = List.copyOf(recipientSet);
        String subject = MimeText.decodeWords(header(message, "Subject"));
        subject = subject == null ? null : subject.strip();

        ParsedEmail.DeliveryReport bounce = null;
        boolean report = type.value().equals("multipart/report");
        boolean statusReport = report && !body.deliveryStatus.isEmpty();
        if (statusReport) {
            bounce = DeliveryReports.fromStatusParts(body.deliveryStatus);
        } else if (DeliveryReports.looksLikeFailureNotice(fromAddress, fromName, subject)) {
            List<String> excluded = new ArrayList<>(recipients);
            if (fromAddress != null) {
                excluded.add(fromAddress);
            }
            List<String> failed = addresses(message, "X-Failed-Recipients").stream().map(Mailbox::address).toList();
            bounce = DeliveryReports.fromText(text, failed, excluded, subject);
        }

        return new ParsedEmail(
                messageId(header(message, "Message-ID")),
                references(message),
                fromAddress,
                fromName,
                replyTo,
                recipients,
                subject,
                date(message),
                text,
                displayText,
                html,
                attachments,
                AutomationHeaders.of(message, report || bounce != null),
                bounce,
                language(header(message, "Content-Language")));
    }

    // ---- structure ------------------------------------------------------------------------------

    /** What the walk over the parts collects. */
    private static final class Body {
        /** Numbers unnamed attachments across the whole message. */
        final AtomicInteger unnamed;
        final List<String> plain = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        final List<Found> attachments = new ArrayList<>();
        final List<String> deliveryStatus = new ArrayList<>();

        Body() {
            this(new AtomicInteger());
        }

        Body(AtomicInteger unnamed) {
            this.unnamed = unnamed;
        }

        void addAll(Body other) {
            attachments.addAll(other.attachments);
            deliveryStatus.addAll(other.deliveryStatus);
        }
    }

    /** An attachment before we know the HTML that may reference it. */
    private record Found(String filename, String contentType, byte[] content, String contentId, boolean inline) {

        InboundAttachment attachment(String html) {
            boolean shown = contentId != null && (inline || (html != null && html.contains("cid:" + contentId)));
            return new InboundAttachment(filename, contentType, content, shown ? contentId : null);
        }
    }

    private void walk(MimePart part, HeaderValue type, int depth, String parentType, Body body) throws MessagingException {
        if (depth > MAX_DEPTH) {
            throw new MalformedEmail("MIME parts are nested more than " + MAX_DEPTH + " levels deep");
        }
        if (type.value().startsWith("multipart/")) {
            List<MimeBodyPart> children = children(part, type);
            if (children != null) {
                if (type.value().equals("multipart/alternative")) {
                    walkAlternatives(children, depth, type.value(), body);
                } else {
                    for (MimeBodyPart child : children) {
                        walk(child, contentType(child, type.value()), depth + 1, type.value(), body);
                    }
                }
                return;
            }
            type = new HeaderValue("text/plain", type.params());
        }
        leaf(part, type, parentType, body);
    }

    /** One text and one HTML from the alternatives (the first plain text, the last HTML); attachments from all. */
    private void walkAlternatives(List<MimeBodyPart> children, int depth, String alternative, Body body) throws MessagingException {
        String plain = null;
        String html = null;
        for (MimeBodyPart child : children) {
            Body inner = new Body(body.unnamed);
            walk(child, contentType(child, alternative), depth + 1, alternative, inner);
            if (plain == null && inner.plain.stream().anyMatch(s -> !s.isBlank())) {
                plain = String.join("\n", inner.plain);
            }
            if (!inner.html.isEmpty()) {
                html = String.join("\n", inner.html);
            }
            body.addAll(inner);
        }
        if (plain != null) {
            body.plain.add(plain);
        }
        if (html != null) {
            body.html.add(html);
        }
    }

    /** The parts of a multipart, or null when it cannot be split (then its body is read as text). */
    private static List<MimeBodyPart> children(MimePart part, HeaderValue type) {
        try {
            byte[] content = rawContent(part);
            StringBuilder contentType = new StringBuilder(type.value());
            String boundary = type.param("boundary");
            if (boundary != null && !boundary.isEmpty()) {
                String safe = boundary.replaceAll("[\\r\\n\\x00]", "").replace("\\", "\\\\").replace("\"", "\\\"");
                contentType.append("; boundary=\"").append(safe).append('"');
            }
            MimeMultipart multipart = new LenientMultipart(new BytesDataSource(contentType.toString(), content));
            int count = multipart.getCount();
            if (count == 0 && !new String(content, StandardCharsets.ISO_8859_1).isBlank()) {
                return null;
            }
            List<MimeBodyPart> children = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                children.add((MimeBodyPart) multipart.getBodyPart(i));
            }
            return children;
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private void leaf(MimePart part, HeaderValue type, String parentType, Body body) throws MessagingException {
        String mediaType = type.value();
        HeaderValue disposition = MimeText.headerValue(header(part, "Content-Disposition"));
        String filename = filename(disposition, type);
        boolean attached = disposition.value().equals("attachment") || filename != null;
        boolean alternative = parentType.equals("multipart/alternative");

        if ((mediaType.equals("text/plain") || mediaType.equals("text/html")) && !attached) {
            byte[] bytes = content(part);
            String charset = type.param("charset");
            if (charset == null && mediaType.equals("text/html") && !MimeText.isUtf8(bytes)) {
                charset = MimeText.htmlCharset(bytes);
            }
            String text = MimeText.decode(bytes, charset);
            if (mediaType.equals("text/html")) {
                body.html.add(MimeText.clean(text));
            } else {
                text = normalise(text);
                if ("flowed".equalsIgnoreCase(strip(type.param("format")))) {
                    text = FlowedText.unflow(text, "yes".equalsIgnoreCase(strip(type.param("delsp"))));
                }
                body.plain.add(text);
            }
            return;
        }
        if (mediaType.equals("message/delivery-status") || mediaType.equals("message/global-delivery-status")) {
            body.deliveryStatus.add(normalise(MimeText.decode(content(part), type.param("charset"))));
        }
        if (alternative && mediaType.startsWith("text/") && !mediaType.equals("text/calendar") && !attached) {
            return; // text/enriched, text/watch-html and the like: other renderings of the same body
        }
        byte[] content = content(part);
        if (content.length > limits.maxAttachmentBytes()) {
            return;
        }
        String contentId = contentId(header(part, "Content-ID"));
        boolean inline = parentType.equals("multipart/related") || disposition.value().equals("inline");
        if (filename == null) {
            filename = defaultFilename(mediaType, content, body.unnamed.incrementAndGet());
        }
        body.attachments.add(new Found(filename, mediaType, content, contentId, inline));
    }

    /** The part's body with its transfer encoding undone. */
    private static byte[] content(MimePart part) throws MessagingException {
        byte[] raw = rawContent(part);
        String encoding = header(part, "Content-Transfer-Encoding");
        return MimeText.decodeTransfer(raw, encoding == null ? null : MimeText.headerValue(encoding).value());
    }

    private static byte[] rawContent(MimePart part) {
        try (InputStream in = part instanceof MimeMessage message ? message.getRawInputStream()
                : ((MimeBodyPart) part).getRawInputStream()) {
            return in.readAllBytes();
        } catch (MessagingException | IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private static HeaderValue contentType(MimePart part, String parentType) throws MessagingException {
        HeaderValue type = MimeText.headerValue(header(part, "Content-Type"));
        String value = type.value();
        if (value.isEmpty() || !value.contains("/")) {
            String fallback = parentType.equals("multipart/digest") ? "message/rfc822"
                    : value.isEmpty() || value.equals("text") ? "text/plain" : "application/octet-stream";
            return new HeaderValue(fallback, type.params());
        }
        return type;
    }

    // ---- attachments ----------------------------------------------------------------------------

    private static String filename(HeaderValue disposition, HeaderValue type) {
        String name = disposition.param("filename");
        if (name == null || name.isBlank()) {
            name = type.param("name");
        }
        if (name == null) {
            return null;
        }
        String cleaned = MimeText.clean(name).replace("\n", " ").replace("\t", " ");
        cleaned = cleaned.substring(Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf('\\')) + 1).strip();
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            return null;
        }
        return cleaned.length() > 255 ? cleaned.substring(0, 255) : cleaned;
    }

    private String defaultFilename(String mediaType, byte[] content, int number) {
        if (mediaType.equals("message/rfc822") || mediaType.equals("message/global")) {
            String subject = embeddedSubject(content);
            String base = subject == null ? "" : subject.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
            base = base.length() > 100 ? base.substring(0, 100).strip() : base;
            return (base.isEmpty() ? "message-" + number : base) + ".eml";
        }
        return "attachment-" + number + extension(mediaType);
    }

    private String embeddedSubject(byte[] content) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(content), false);
            String subject = MimeText.decodeWords(MimeText.headerText(headers.getHeader("Subject", null)));
            return subject == null || subject.isBlank() ? null : subject.strip();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> ".png";
            case "image/jpeg", "image/jpg", "image/pjpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "image/svg+xml" -> ".svg";
            case "application/pdf" -> ".pdf";
            case "text/plain", "message/delivery-status", "message/global-delivery-status", "text/rfc822-headers" -> ".txt";
            case "text/html" -> ".html";
            case "text/calendar" -> ".ics";
            case "text/csv" -> ".csv";
            default -> ".bin";
        };
    }

    private static String contentId(String value) {
        if (value == null) {
            return null;
        }
        String id = value.strip();
        if (id.startsWith("<")) {
            int end = id.indexOf('>');
            id = end > 0 ? id.substring(1, end) : id.substring(1);
        }
        id = id.strip();
        return id.isEmpty() || id.length() > 998 ? null : id;
    }

    // ---- headers --------------------------------------------------------------------------------

    /** The first value of a header, unfolded and decoded to text (encoded words left for the caller). */
    private static String header(MimePart part, String name) throws MessagingException {
        return MimeText.headerText(part.getHeader(name, null));
    }

    /** An address (lower-case) and its decoded display name. */
    private record Mailbox(String address, String name) {
    }

    /** Every address in every instance of the header, lower-case, groups expanded. */
    private static List<Mailbox> addresses(MimePart part, String name) throws MessagingException {
        String value = MimeText.headerText(part.getHeader(name, ","));
        List<Mailbox> result = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        InternetAddress[] parsed;
        try {
            parsed = isReasonable(value) ? InternetAddress.parseHeader(value, false) : new InternetAddress[0];
        } catch (AddressException | RuntimeException e) {
            parsed = new InternetAddress[0];
        }
        for (InternetAddress address : parsed) {
            collect(address, result, 0);
        }
        if (result.isEmpty() && value.contains("@")) {
            MimeText.findAddresses(value, 100).forEach(address -> result.add(new Mailbox(address, null)));
        }
        return result;
    }

    /**
     * Whether Jakarta Mail may parse the header: its address parser takes quadratic time on long runs
     * of unbalanced comments, so very long headers and headers full of parentheses are only scanned.
     */
    private static boolean isReasonable(String addressHeader) {
        if (addressHeader.length() > MAX_ADDRESS_HEADER) {
            return false;
        }
        int parentheses = 0;
        for (int i = 0; i < addressHeader.length(); i++) {
            if (addressHeader.charAt(i) == '(' && ++parentheses > 64) {
                return false;
            }
        }
        return true;
    }

    private static void collect(InternetAddress address, List<Mailbox> into, int depth) {
        if (address.isGroup()) {
            try {
                InternetAddress[] members = depth > 2 ? null : address.getGroup(false);
                if (members != null) {
                    for (InternetAddress member : members) {
                        collect(member, into, depth + 1);
                    }
                }
            } catch (AddressException | RuntimeException e) {
                // an unreadable group adds nobody
            }
            return;
        }
        String email = address.getAddress();
        if (email == null) {
            return;
        }
        email = MimeText.clean(email).strip();
        if (!VALID_ADDRESS.matcher(email).matches()) {
            List<String> found = MimeText.findAddresses(email, 1);
            if (found.isEmpty()) {
                return;
            }
            email = found.getFirst();
        }
        into.add(new Mailbox(email.toLowerCase(Locale.ROOT), name(address.getPersonal(), email)));
    }

    private static <T> T first(List<T> items) {
        return items.isEmpty() ? null : items.getFirst();
    }

    private static String name(String personal, String email) {
        if (personal == null) {
            return null;
        }
        String name = MimeText.clean(MimeText.decodeWords(personal)).replace('\n', ' ').strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        return name.isEmpty() || name.equalsIgnoreCase(email) ? null : name;
    }

    /** A Message-ID header's id as the parser reports it (the external id of the message), or null. */
    static String messageId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher matcher = MESSAGE_ID.matcher(value);
        if (matcher.find()) {
            return matcher.group();
        }
        String bare = value.strip();
        return bare.contains(" ") || bare.length() > 998 ? null : "<" + bare + ">";
    }

    private static List<String> references(MimePart part) throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : List.of("References", "In-Reply-To")) {
            String value = header(part, name);
            if (value == null) {
                continue;
            }
            Matcher matcher = MESSAGE_ID.matcher(value);
            boolean any = false;
            while (matcher.find()) {
                any = true;
                ids.add(matcher.group());
            }
            if (!any) {
                for (String token : value.split("[\\s,]+")) {
                    if (token.indexOf('@') > 0 && token.length() <= 998) {
                        ids.add("<" + token + ">");
                    }
                }
            }
        }
        return List.copyOf(ids);
    }

    private static Instant date(MimeMessage message) {
        try {
            Date sent = message.getSentDate();
            return sent == null ? null : sent.toInstant();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String language(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String language = value.strip();
        return language.length() > 100 ? null : language;
    }

    // ---- automation -----------------------------------------------------------------------------

    /** Whether a robot sent the message, decided by the headers that say so about the message itself. */
    static final class AutomationHeaders {

        private AutomationHeaders() {
        }

        static InboundMessage.Automation of(MimePart part, boolean report) throws MessagingException {
            String auto = autoSubmitted(part);
            if (auto == null && report) {
                auto = "Content-Type: multipart/report";
            }
            String bulk = bulk(part);
            if (auto == null && bulk == null) {
                return InboundMessage.Automation.HUMAN;
            }
            return new InboundMessage.Automation(auto != null, bulk != null, auto != null ? auto : bulk);
        }

        private static String autoSubmitted(MimePart part) throws MessagingException {
            String autoSubmitted = header(part, "Auto-Submitted");
            if (autoSubmitted != null && !autoSubmitted.isBlank()
                    && !MimeText.headerValue(autoSubmitted).value().equals("no")) {
                return detail("Auto-Submitted", autoSubmitted);
            }
            for (String name : List.of("X-Autoreply", "X-Autorespond")) {
                String value = header(part, name);
                if (value != null) {
                    return detail(name, value);
                }
            }
            String suppress = header(part, "X-Auto-Response-Suppress");
            if (suppress != null) {
                for (String token : suppress.split("[\\s,;]+")) {
                    String folded = token.toLowerCase(Locale.ROOT);
                    if (folded.equals("all") || folded.equals("autoreply") || folded.equals("oof")) {
                        return detail("X-Auto-Response-Suppress", suppress);
                    }
                }
            }
            String precedence = header(part, "Precedence");
            if (precedence != null && MimeText.headerValue(precedence).value().equals("auto_reply")) {
                return detail("Precedence", precedence);
            }
            return null;
        }

        private static String bulk(MimePart part) throws MessagingException {
            String precedence = header(part, "Precedence");
            if (precedence != null) {
                String value = MimeText.headerValue(precedence).value();
                if (value.equals("bulk") || value.equals("list") || value.equals("junk")) {
                    return detail("Precedence", precedence);
                }
            }
            for (String name : List.of("List-Id", "List-Unsubscribe")) {
                String value = header(part, name);
                if (value != null) {
                    return detail(name, value);
                }
            }
            return null;
        }

        private static String detail(String name, String value) {
            String shown = value.strip();
            return name + ": " + (shown.length() > 100 ? shown.substring(0, 100) + "…" : shown);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Skips leading blank lines and an mbox "From " line. */
    private static int headerStart(byte[] raw) {
        int start = 0;
        while (start < raw.length && (raw[start] == '\r' || raw[start] == '\n')) {
            start++;
        }
        if (raw.length - start > 5 && raw[start] == 'F' && raw[start + 1] == 'r' && raw[start + 2] == 'o' && raw[start + 3] == 'm'
                && raw[start + 4] == ' ') {
            int newline = start;
            while (newline < raw.length && raw[newline] != '\n') {
                newline++;
            }
            start = Math.min(newline + 1, raw.length);
        }
        return start;
    }

    /** Whether the header section (up to the first blank line) holds at least one "Name:" field. */
    private static boolean hasHeader(byte[] raw, int start) {
        int end = start;
        int limit = Math.min(raw.length, start + 256 * 1024);
        while (end < limit) {
            if (raw[end] == '\n') {
                int next = end + 1;
                if (next < raw.length && raw[next] == '\r') {
                    next++;
                }
                if (next >= raw.length || raw[next] == '\n') {
                    break;
                }
            }
            end++;
        }
        String headers = new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
        return HEADER_LINE.matcher(headers).find();
    }

    /** CRLF and CR to LF, no control characters, no blank lines at the start, no blanks at the end. */
    private static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String unified = MimeText.clean(text.replace("\r\n", "\n").replace('\r', '\n'));
        int start = 0;
        int lineStart = 0;
        for (int i = 0; i < unified.length(); i++) {
            char c = unified.charAt(i);
            if (c == '\n') {
                start = i + 1;
                lineStart = start;
            } else if (c != ' ' && c != '\t') {
                start = lineStart;
                break;
            }
        }
        return unified.substring(Math.min(start, unified.length())).stripTrailing();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** A multipart that is lenient whatever the JVM-wide Jakarta Mail system properties say. */
    private static final class LenientMultipart extends MimeMultipart {

        LenientMultipart(DataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected void initializeProperties() {
            ignoreMissingEndBoundary = true;
            ignoreMissingBoundaryParameter = true;
            ignoreExistingBoundaryParameter = false;
            allowEmpty = true;
        }
    }

    /** Bytes under a content type, read through a shared stream so that parts are not copied. */
    private record BytesDataSource(String contentType, byte[] bytes) implements DataSource {

        @Override
        public InputStream getInputStream() {
            return new SharedByteArrayInputStream(bytes);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "part";
        }
    }
}
