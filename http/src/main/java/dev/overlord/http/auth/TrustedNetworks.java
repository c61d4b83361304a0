package dev.overlord.http.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** CIDR blocks whose clients may open {@code /ws/live} without a cookie (empty by default). */
public final class TrustedNetworks {
    private record Block(byte[] network, int prefix) {}

    private final List<Block> blocks;

    public TrustedNetworks(List<String> cidrs) {
        this.blocks = cidrs.stream().map(TrustedNetworks::parse).toList();
    }

    private static Block parse(String cidr) {
        String[] parts = cidr.trim().split("/");
        try {
            byte[] addr = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : addr.length * 8;
            if (prefix < 0 || prefix > addr.length * 8) throw new IllegalArgumentException("bad prefix in " + cidr);
            return new Block(addr, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("overlord.auth.trusted-networks: not a CIDR block: " + cidr, e);
        }
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        for (Block b : blocks) {
            if (b.network().length != a.length) continue;
            int full = b.prefix() / 8;
            int rest = b.prefix() % 8;
            boolean match = true;
            for (int i = 0; i < full && match; i++) match = a[i] == b.network()[i];
            if (match && rest > 0) {
                int mask = (0xFF << (8 - rest)) & 0xFF;
                match = (a[full] & mask) == (b.network()[full] & mask);
            }
            if (match) return true;
        }
        return false;
    }
}
