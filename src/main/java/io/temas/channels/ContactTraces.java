package io.temas.channels;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the messenger channels remember about people who wrote to them, outside any conversation: the WhatsApp
 * customer-service windows (by phone number), the Telegram chats and the Messenger and Instagram contacts (by user id).
 * A KVKK / GDPR erasure asks for them by the person's addresses ({@code +90532...}, {@code telegram:123},
 * {@code messenger:456}); this module knows nothing of customers.
 */
@Component
public class ContactTraces {

    private final JdbcClient jdbc;

    ContactTraces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows about any of the addresses, for an export. */
    public List<Map<String, Object>> about(Collection<String> addresses) {
        String[] ids = ids(addresses);
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.sql("""
                        select 'whatsapp-window' as record, business_number, customer_number, last_inbound_at from whatsapp_windows
                        where customer_number = any(?)""").param(ids).query().listOfRows());
        rows.addAll(jdbc.sql("""
                        select 'telegram-chat' as record, chat_id, user_id, language, phone_shared_at, last_received_at from telegram_chats
                        where user_id = any(?) or chat_id = any(?)""").params(ids, ids).query().listOfRows());
        rows.addAll(jdbc.sql("""
                        select 'messenger-contact' as record, channel, user_id, account_id, last_received_at from messenger_contacts
                        where user_id = any(?)""").param(ids).query().listOfRows());
        return rows;
    }

    /** Forgets the rows about any of the addresses (a WhatsApp reply to them then needs a template, as to a stranger). */
    public void forget(Collection<String> addresses) {
        String[] ids = ids(addresses);
        jdbc.sql("delete from whatsapp_windows where customer_number = any(?)").param(ids).update();
        jdbc.sql("delete from telegram_chats where user_id = any(?) or chat_id = any(?)").params(ids, ids).update();
        jdbc.sql("delete from messenger_contacts where user_id = any(?)").param(ids).update();
    }

    /** Each address as given, without a {@code network:} prefix, and a phone number without its plus. */
    private static String[] ids(Collection<String> addresses) {
        Set<String> ids = new LinkedHashSet<>();
        for (String address : addresses) {
            ids.add(address);
            int colon = address.indexOf(':');
            if (colon > 0 && colon < address.length() - 1) {
                ids.add(address.substring(colon + 1));
            }
            if (address.startsWith("+")) {
                ids.add(address.substring(1));
            }
        }
        return ids.toArray(String[]::new);
    }
}
