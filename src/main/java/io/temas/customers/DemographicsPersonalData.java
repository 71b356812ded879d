package io.temas.customers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The profile's demographics and contact preferences, and the reasons given for stage moves (a person's words), for a
 * subject-access export and an erasure. An erasure keeps the moves themselves (stage to stage, when), which the funnel
 * report counts, and who made them (a member of staff), without their reasons.
 */
@Component
class DemographicsPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Profiles profiles;

    DemographicsPersonalData(JdbcClient jdbc, Profiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    @Override
    public String kind() {
        return "profile";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        CustomerProfile p = profiles.get(customer);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("record", "profile");
        profile.put("birthDate", p.birthDate() == null ? null : p.birthDate().toString());
        profile.put("gender", p.gender() == null ? null : p.gender().code());
        profile.put("city", p.city());
        profile.put("occupation", p.occupation());
        profile.put("preferredChannel", p.preferredChannel() == null ? null : p.preferredChannel().code());
        profile.put("lifecycleStage", p.stage() == null ? null : p.stage().code());
        rows.add(profile);
        for (LifecycleChange c : profiles.history(customer)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("record", "lifecycle-change");
            row.put("from", c.from() == null ? null : c.from().code());
            row.put("to", c.to().code());
            row.put("actor", c.actor());
            row.put("reason", c.reason());
            row.put("changedAt", c.changedAt().toString());
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void erase(CustomerId customer) {
        jdbc.sql("update customers set birth_date = null, gender = null, city = null, occupation = null, preferred_channel = null where id = ?")
                .param(customer.value()).update();
        // The moves stay for the funnel, without the words given for them; the timeline part deletes the entries telling them.
        jdbc.sql("update lifecycle_changes set reason = null where customer_id = ?").param(customer.value()).update();
    }
}
