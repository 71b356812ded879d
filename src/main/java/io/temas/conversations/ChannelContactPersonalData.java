package io.temas.conversations;

import io.temas.channels.ContactTraces;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The messenger channels' memory of the person (WhatsApp windows, Telegram chats, Messenger contacts), found by their
 * addresses; erased by deleting it. It lives here because the channels module knows nothing of customers.
 */
@Component
class ChannelContactPersonalData implements PersonalData {

    private final Customers customers;
    private final ContactTraces traces;

    ChannelContactPersonalData(Customers customers, ContactTraces traces) {
        this.customers = customers;
        this.traces = traces;
    }

    @Override
    public String kind() {
        return "channel-contacts";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        return PersonalRows.plain(traces.about(customers.addressForms(customer)));
    }

    @Override
    public void erase(CustomerId customer) {
        traces.forget(customers.addressForms(customer));
    }
}
