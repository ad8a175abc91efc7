package org.ottbalancer.monolith.rooms;

import java.util.Optional;
import java.util.UUID;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/** A client multiplexed over a balancer link: targeted {@code room_msg} out, {@code kick} to close. */
public record BalancerClientChannel(LinkChannel linkChannel) implements ClientChannel {

    @Override
    public Optional<LinkChannel> link() {
        return Optional.of(linkChannel);
    }

    @Override
    public void send(RoomName room, UUID client, RawJson payload) {
        linkChannel.send(M2B.RoomMsg.to(room, client, payload));
    }

    @Override
    public void kick(UUID client, int code) {
        linkChannel.send(new M2B.Kick(client, code));
    }

    @Override
    public String clientType() {
        return "balancer.js";
    }
}
