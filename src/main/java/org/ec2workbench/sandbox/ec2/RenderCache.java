package org.ec2workbench.sandbox.ec2;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ec2workbench.sandbox.protocol.Xml;
import org.ec2workbench.sandbox.world.Instance;

/**
 * The XML of each instance item, kept while neither the instance value nor its tags change. Instances are
 * immutable values replaced on every change (and so are their tag maps), so an identity check is an exact
 * validity test; Describe
 * replies then copy fragments instead of re-escaping every field on every call.
 */
final class RenderCache {

    private static final int MAX_ENTRIES = 20_000;

    private record Rendered(Instance instance, Map<String, String> tags, byte[] xml) {
    }

    private final Map<String, Rendered> instances = new ConcurrentHashMap<>();

    /** The {@code <item>} of an instance in DescribeInstances. */
    byte[] instance(Instance i, Map<String, String> tags) {
        Rendered r = instances.get(i.id());
        if (r != null && r.instance == i && r.tags == tags) {
            return r.xml;
        }
        Xml xml = Xml.fragmentWriter(4096);
        InstanceActions.writeInstance(xml, i, tags);
        byte[] bytes = xml.toBytes();
        if (instances.size() >= MAX_ENTRIES) {
            instances.clear();
        }
        instances.put(i.id(), new Rendered(i, tags, bytes));
        return bytes;
    }
}
