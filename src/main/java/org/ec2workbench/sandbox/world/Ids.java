package org.ec2workbench.sandbox.world;

import java.util.List;
import org.ec2workbench.sandbox.protocol.ApiException;

/** EC2 id syntax and the errors for malformed and unknown ids. */
public final class Ids {

    private Ids() {
    }

    /** The kinds of resource the sandbox names, with their id prefix and error codes. */
    public enum Kind {
        INSTANCE("i", "InvalidInstanceID"),
        SECURITY_GROUP("sg", "InvalidGroupId"),
        VOLUME("vol", "InvalidVolumeID"),
        IMAGE("ami", "InvalidAMIID"),
        SUBNET("subnet", "InvalidSubnetID"),
        VPC("vpc", "InvalidVpcID"),
        KEY_PAIR("key", "InvalidKeyPair"),
        RESERVATION("r", "InvalidReservationID"),
        NETWORK_INTERFACE("eni", "InvalidNetworkInterfaceID");

        private final String prefix;
        private final String errorPrefix;

        Kind(String prefix, String errorPrefix) {
            this.prefix = prefix;
            this.errorPrefix = errorPrefix;
        }

        /** The id prefix without the dash. */
        public String prefix() {
            return prefix;
        }
    }

    /** Whether {@code id} has the form {@code prefix-} followed by 8 or 17 lower-case hex digits. */
    public static boolean wellFormed(Kind kind, String id) {
        if (id == null || !id.startsWith(kind.prefix + "-")) {
            return false;
        }
        int start = kind.prefix.length() + 1;
        int hex = id.length() - start;
        if (hex != 8 && hex != 17) {
            return false;
        }
        for (int i = start; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Throws the kind's {@code .Malformed} error unless {@code id} is well formed. */
    public static void requireWellFormed(Kind kind, String id) {
        if (!wellFormed(kind, id)) {
            String code = kind == Kind.SECURITY_GROUP ? "InvalidGroupId.Malformed" : kind.errorPrefix + ".Malformed";
            throw ApiException.client(code, "Invalid id: \"" + id + "\" (expecting \"" + kind.prefix + "-...\")");
        }
    }

    /** The kind of a resource id, by its prefix, or null. */
    public static Kind kindOf(String id) {
        int dash = id.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        String prefix = id.substring(0, dash);
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                return kind;
            }
        }
        return null;
    }

    /** The NotFound error EC2 gives for these unknown ids. */
    public static ApiException notFound(Kind kind, List<String> ids) {
        String joined = String.join(", ", ids);
        boolean many = ids.size() > 1;
        return switch (kind) {
            case INSTANCE -> ApiException.client("InvalidInstanceID.NotFound", many
                    ? "The instance IDs '" + joined + "' do not exist"
                    : "The instance ID '" + joined + "' does not exist");
            case SECURITY_GROUP -> ApiException.client("InvalidGroup.NotFound",
                    "The security group '" + joined + "' does not exist");
            case VOLUME -> ApiException.client("InvalidVolume.NotFound", "The volume '" + joined + "' does not exist.");
            case IMAGE -> ApiException.client("InvalidAMIID.NotFound", "The image id '[" + joined + "]' does not exist");
            case SUBNET -> ApiException.client("InvalidSubnetID.NotFound",
                    "The subnet ID '" + joined + "' does not exist");
            case VPC -> ApiException.client("InvalidVpcID.NotFound", "The vpc ID '" + joined + "' does not exist");
            case KEY_PAIR -> ApiException.client("InvalidKeyPair.NotFound",
                    "The key pair '" + joined + "' does not exist");
            case RESERVATION -> ApiException.client("InvalidReservationID.NotFound",
                    "The reservation ID '" + joined + "' does not exist");
            case NETWORK_INTERFACE -> ApiException.client("InvalidNetworkInterfaceID.NotFound",
                    "The networkInterface ID '" + joined + "' does not exist");
        };
    }
}
