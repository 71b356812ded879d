package io.temas.channels.telegram;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.shared.ReasonCode;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Sends on Telegram with {@code sendMessage}. Until the user has shared their own phone number,
 * every acknowledgement, and the first message of any other kind, carries a one-time reply keyboard
 * with a "share my phone number" button ({@code request_contact}) labelled in the user's language.
 *
 * <p>Answers map to the outbox's rules: throttling (429, retried no sooner than its {@code retry_after}, named in the
 * reason), server errors and network trouble are retried; a chat that does not exist, a user who
 * blocked the bot and other refusals fail for good with Telegram's reason. The reference is
 * {@code <chat id>:<message id>}, as message ids are unique only within a chat.
 */
@Component
class TelegramTransport implements OutboundTransport {

    /** The longest text {@code sendMessage} takes. */
    static final int MAX_TEXT = 4096;

    private final TelegramSettings settings;
    private final TelegramBotApi api;
    private final TelegramChats chats;
    private final MessageSource messages;
    private final Clock clock;

    TelegramTransport(TelegramSettings settings, TelegramBotApi api, TelegramChats chats, MessageSource messages, Clock clock) {
        this.settings = settings;
        this.api = api;
        this.chats = chats;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public ChannelType channel() {
        return TelegramChannel.TELEGRAM;
    }

    @Override
    public String name() {
        return "telegram";
    }

    /**
     * One call to the Bot API per send: sends go side by side. What it reads and writes of the chat (whether the button
     * was offered) is committed at once, outside the dispatcher's transaction, and one chat's messages go one after the
     * other, so the next reads it.
     */
    @Override
    public boolean sendsSideBySide() {
        return true;
    }

    /** Telegram throttles a bot that sends its chats more than about 30 messages a second ({@code temas.telegram.sends-per-second}). */
    @Override
    public int sendsPerSecond() {
        return settings.sendsPerSecond();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (!settings.configured()) {
            return new SendResult.PermanentFailure("Telegram is not configured: set " + settings.missing(),
                    ReasonCode.of("telegram.reason.notConfigured"));
        }
        String chatId = chatId(message.recipient());
        if (chatId == null) {
            return new SendResult.PermanentFailure("'" + message.recipient() + "' is not a Telegram chat (telegram:<chat id>)");
        }
        if (message.body() == null || message.body().isBlank()) {
            return new SendResult.PermanentFailure("Telegram cannot send an empty message");
        }
        if (message.body().codePointCount(0, message.body().length()) > MAX_TEXT) {
            return new SendResult.PermanentFailure("the text is longer than Telegram's " + MAX_TEXT + " characters");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("chat_id", chatId);
        payload.put("text", message.body());
        Optional<TelegramChats.Chat> chat = chats.find(chatId);
        boolean offer = chat.filter(c -> !c.phoneShared() && ("ack".equals(message.headers().get("X-Temas-Kind")) || !c.keyboardOffered()))
                .isPresent();
        if (offer) {
            payload.put("reply_markup", shareContactKeyboard(chat.get().language()));
        }
        TelegramBotApi.Answer answer;
        try {
            answer = api.call("sendMessage", payload);
        } catch (IOException e) {
            return new SendResult.TemporaryFailure("Telegram unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.TemporaryFailure("interrupted");
        }
        SendResult result = result(answer);
        if (offer && result instanceof SendResult.Sent) {
            chats.keyboardOffered(chatId, clock.instant());
        }
        return result;
    }

    /** Telegram's answer in the outbox's terms. */
    static SendResult result(TelegramBotApi.Answer answer) {
        if (answer.ok()) {
            var sent = answer.body().path("result");
            return new SendResult.Sent(sent.path("chat").path("id").asString() + ":" + sent.path("message_id").asString());
        }
        int status = answer.body() != null && answer.body().has("error_code") ? answer.body().path("error_code").asInt() : answer.status();
        String description = answer.description();
        if (status == 429) {
            int retryAfter = answer.body() == null ? 0 : answer.body().path("parameters").path("retry_after").asInt(0);
            return new SendResult.TemporaryFailure("Telegram is throttling the bot" + (retryAfter > 0 ? ", retry after " + retryAfter + " s" : "")
                    + ": " + description, ReasonCode.of("telegram.reason.throttled"),
                    retryAfter > 0 ? java.time.Duration.ofSeconds(retryAfter) : null);
        }
        if (status >= 500 || status == 401 || status == 404 || status == 408) {
            // 401 and 404 are what Telegram answers for a wrong token: retried, so a corrected setting still sends.
            return new SendResult.TemporaryFailure("Telegram answered " + status + ": " + description);
        }
        String lower = description.toLowerCase(Locale.ROOT);
        if (lower.contains("chat not found")) {
            return new SendResult.PermanentFailure("Telegram: chat not found (the user has not started a chat with the bot or deleted it)",
                    ReasonCode.of("telegram.reason.chatNotFound"));
        }
        if (lower.contains("blocked by the user")) {
            return new SendResult.PermanentFailure("Telegram: the user blocked the bot", ReasonCode.of("telegram.reason.blocked"));
        }
        if (lower.contains("user is deactivated")) {
            return new SendResult.PermanentFailure("Telegram: the user's account was deleted", ReasonCode.of("telegram.reason.deactivated"));
        }
        return new SendResult.PermanentFailure("Telegram refused the message (" + status + "): " + description);
    }

    private Map<String, Object> shareContactKeyboard(Language language) {
        Locale locale = (language == null ? Language.DEFAULT : language).locale();
        String label = messages.getMessage("telegram.shareContact", null, locale);
        return Map.of("keyboard", List.of(List.of(Map.of("text", label, "request_contact", true))),
                "one_time_keyboard", true, "resize_keyboard", true);
    }

    /** The chat id of {@code telegram:<chat id>}, or null when it is not one. */
    static String chatId(String recipient) {
        if (recipient == null || !recipient.regionMatches(true, 0, "telegram:", 0, 9)) {
            return null;
        }
        String id = recipient.substring(9).strip();
        return id.matches("-?\\d{1,20}") ? id : null;
    }
}
