package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.EngineConfig;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the modules promise (issue 10): the socket API's public signatures use only its own types,
 * the JDK's and the engine's trace SPI; each module exports to everyone only what is supported.
 */
class ApiBoundaryTest {

    @Test
    void rudpCoreExportsOnlyTheEngineApiAndTheTraceSpiToEveryone() {
        ModuleDescriptor core = EngineConfig.class.getModule().getDescriptor();
        assertThat(core).as("tests run on the module path").isNotNull();
        Map<String, Set<String>> exports = new TreeMap<>();
        for (ModuleDescriptor.Exports e : core.exports()) {
            exports.put(e.source(), e.isQualified() ? new TreeSet<>(e.targets()) : Set.of("*"));
        }
        assertThat(exports.entrySet().stream().filter(e -> e.getValue().contains("*")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("io.rudp.core", "io.rudp.core.trace");
        for (String internal : List.of("io.rudp.core.wire", "io.rudp.core.ack", "io.rudp.core.congestion", "io.rudp.core.loss",
                "io.rudp.core.path", "io.rudp.core.stream", "io.rudp.core.util")) {
            assertThat(exports.get(internal)).as(internal)
                    .containsExactlyInAnyOrder("io.rudp", "io.rudp.testkit", "io.rudp.cli", "io.rudp.bench");
        }
    }

    @Test
    void rudpExportsOnlyItsOnePackage() {
        ModuleDescriptor api = RudpConfig.class.getModule().getDescriptor();
        assertThat(api.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(api.exports().stream().map(ModuleDescriptor.Exports::source)).containsExactly("io.rudp");
    }

    @Test
    void publicSignaturesUseOnlyTheApisTypesTheJdksAndTheTraceSpi() throws IOException, ClassNotFoundException {
        List<String> offending = new ArrayList<>();
        List<Class<?>> types = publicTypesOfPackage("io.rudp");
        assertThat(types).contains(RudpConfig.class, RudpConfig.Builder.class, RudpConnection.class,
                ConnectionStats.class, CloseReason.class, CloseReason.Kind.class, CongestionControl.class);
        for (Class<?> c : types) {
            for (Constructor<?> k : c.getConstructors()) {
                check(c.getSimpleName() + "(...)", k, offending);
            }
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass().getName().startsWith("io.rudp.")) {
                    check(c.getSimpleName() + "." + m.getName(), m, offending);
                    checkType(c.getSimpleName() + "." + m.getName() + " returns", m.getGenericReturnType(), offending);
                }
            }
            for (Field f : c.getFields()) {
                checkType(c.getSimpleName() + "." + f.getName(), f.getGenericType(), offending);
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    checkType(c.getSimpleName() + "." + rc.getName(), rc.getGenericType(), offending);
                }
            }
            for (Type t : c.getGenericInterfaces()) {
                checkType(c.getSimpleName() + " implements", t, offending);
            }
        }
        assertThat(offending).isEmpty();
    }

    private static void check(String where, Executable e, List<String> offending) {
        for (Type t : e.getGenericParameterTypes()) {
            checkType(where, t, offending);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            checkType(where + " throws", t, offending);
        }
    }

    private static void checkType(String where, Type t, List<String> offending) {
        if (t instanceof ParameterizedType p) {
            checkType(where, p.getRawType(), offending);
            for (Type a : p.getActualTypeArguments()) {
                checkType(where, a, offending);
            }
            return;
        }
        if (!(t instanceof Class<?> c)) {
            return;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String pkg = c.getPackageName();
        boolean allowed = c.isPrimitive() || pkg.equals("io.rudp") || pkg.startsWith("java.")
                || pkg.equals("io.rudp.core.trace");
        if (!allowed) {
            offending.add(where + ": " + c.getName());
        }
    }

    private static List<Class<?>> publicTypesOfPackage(String pkg) throws IOException, ClassNotFoundException {
        Module module = RudpConfig.class.getModule();
        var ref = module.getLayer().configuration().findModule(module.getName()).orElseThrow().reference();
        List<String> names;
        try (ModuleReader reader = ref.open(); Stream<String> list = reader.list()) {
            String prefix = pkg.replace('.', '/') + "/";
            names = list.filter(n -> n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0)
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .collect(Collectors.toList());
        }
        List<Class<?>> types = new ArrayList<>();
        for (String n : names) {
            Class<?> c = Class.forName(n, false, RudpConfig.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
                types.add(c);
            }
        }
        return types;
    }
}
