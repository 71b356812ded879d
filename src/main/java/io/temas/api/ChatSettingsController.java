package io.temas.api;

import io.temas.chat.ChatDoor;
import io.temas.chat.ChatDoors;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The chat settings of each chat entry point: the sites that may embed the widget, the pre-chat fields, the file limit. */
@RestController
class ChatSettingsController {

    record Prechat(String name, String email, String phone) {
    }

    record SettingsRequest(List<String> origins, Prechat prechat, Integer maxFileBytes) {
    }

    record Settings(String entryPoint, String name, List<String> origins, Map<String, String> prechat, int maxFileBytes) {

        static Settings of(ChatDoor door) {
            return new Settings(door.entryPoint().address(), door.entryPoint().name(), door.origins(),
                    Map.of("name", door.name().code(), "email", door.email().code(), "phone", door.phone().code()), door.maxFileBytes());
        }
    }

    private final ChatDoors doors;

    ChatSettingsController(ChatDoors doors) {
        this.doors = doors;
    }

    @GetMapping("/api/v1/chat-settings")
    Map<String, List<Settings>> all() {
        return Map.of("items", doors.all().stream().map(Settings::of).toList());
    }

    @GetMapping("/api/v1/chat-settings/{entryPoint}")
    Settings one(@PathVariable String entryPoint) {
        return Settings.of(door(entryPoint));
    }

    @PutMapping("/api/v1/chat-settings/{entryPoint}")
    Settings save(@PathVariable String entryPoint, @RequestBody SettingsRequest request) {
        ChatDoor door = door(entryPoint);
        if (request == null) {
            throw new InvalidInput(null, "a body with origins, prechat and maxFileBytes is required");
        }
        Prechat prechat = request.prechat() == null ? new Prechat(null, null, null) : request.prechat();
        return Settings.of(doors.save(door.entryPoint().id(), request.origins() == null ? door.origins() : request.origins(),
                prechat.name() == null ? door.name() : ChatDoor.Field.of("prechat.name", prechat.name()),
                prechat.email() == null ? door.email() : ChatDoor.Field.of("prechat.email", prechat.email()),
                prechat.phone() == null ? door.phone() : ChatDoor.Field.of("prechat.phone", prechat.phone()),
                request.maxFileBytes() == null ? door.maxFileBytes() : request.maxFileBytes()));
    }

    private ChatDoor door(String address) {
        return doors.find(address).orElseThrow(() -> new NotFound("no chat entry point '" + address + "'"));
    }
}
