package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.chat.ChatDoors;
import io.temas.support.Console;
import io.temas.support.TemasIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The live chat admin screen: the snippet to paste, the allowed sites, the pre-chat fields and the file limit, with readable refusals. */
@TemasIntegrationTest
class AdminChatIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ChatDoors doors;

    @Test
    void anAdminAllowsASiteAndSetsThePrechatFieldsOnAScreen() {
        Console admin = Console.signIn(port, "admin", TemasIntegrationTest.ADMIN_PASSWORD);
        String page = admin.get("/console/admin/chat").body();
        assertThat(page).contains("Canlı sohbet").contains("data-entry-point=&quot;web-sohbet&quot;").contains("/chat/widget.js");
        String id = doors.find("web-sohbet").orElseThrow().entryPoint().id().toString();

        assertThat(admin.submit("/console/admin/chat", "/console/admin/chat/" + id, Map.of("origins",
                "https://www.ornek.com.tr\nhttps://magaza.ornek.com.tr:8443/", "name", "required", "email", "optional", "phone", "hidden",
                "maxFileKb", "1024")).status()).isEqualTo(302);
        var door = doors.find("web-sohbet").orElseThrow();
        assertThat(door.origins()).containsExactly("https://www.ornek.com.tr", "https://magaza.ornek.com.tr:8443");
        assertThat(door.name().code()).isEqualTo("required");
        assertThat(door.maxFileBytes()).isEqualTo(1024 * 1024);

        admin.submit("/console/admin/chat", "/console/admin/chat/" + id, Map.of("origins", "javascript:alert(1)", "name", "optional",
                "email", "optional", "phone", "hidden", "maxFileKb", "1024"));
        assertThat(admin.get("/console/admin/chat").body()).contains("javascript:alert(1)").contains("https://www.example.com");
        assertThat(doors.find("web-sohbet").orElseThrow().origins()).containsExactly("https://www.ornek.com.tr", "https://magaza.ornek.com.tr:8443");

        doors.save(door.entryPoint().id(), java.util.List.of(), io.temas.chat.ChatDoor.Field.OPTIONAL, io.temas.chat.ChatDoor.Field.OPTIONAL,
                io.temas.chat.ChatDoor.Field.HIDDEN, 5 * 1024 * 1024);
    }
}
