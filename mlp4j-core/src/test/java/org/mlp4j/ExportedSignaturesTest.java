package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the exported API says is what a user can name: no public or protected method, constructor or field of
 * an exported type, no supertype and no type argument, mentions a type from a package the module does not
 * export (javac would only warn, and the user would hold an object of a type they cannot use). It also
 * counts the exported public types, the figure the architecture issue follows.
 */
class ExportedSignaturesTest {

    @Test
    void noExportedSignatureNamesAnInternalType() throws Exception {
        ModuleDescriptor d = ModuleFinder.of(ModuleBoundaryTest.CLASSES)
                .find("org.mlp4j.core")
                .orElseThrow()
                .descriptor();
        Set<String> exported =
                d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        List<Class<?>> api = exportedTypes(exported);
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : api) {
            check(c.getName() + " extends", c.getGenericSuperclass(), exported, leaks);
            for (Type t : c.getGenericInterfaces()) {
                check(c.getName() + " implements", t, exported, leaks);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic()) {
                    check(m.toGenericString(), m.getGenericReturnType(), exported, leaks);
                    for (Type p : m.getGenericParameterTypes()) {
                        check(m.toGenericString(), p, exported, leaks);
                    }
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k)) {
                    for (Type p : k.getGenericParameterTypes()) {
                        check(k.toGenericString(), p, exported, leaks);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f)) {
                    check(f.toGenericString(), f.getGenericType(), exported, leaks);
                }
            }
        }
        long topLevel = api.stream().filter(c -> c.getEnclosingClass() == null).count();
        System.out.println("exported public types: " + topLevel + " top-level, " + (api.size() - topLevel)
                + " nested; in " + exported.size() + " packages");
        assertThat(api).as("the exported types were found").hasSizeGreaterThan(20);
        assertThat(leaks).isEmpty();
    }

    /** Every public type (nested ones included) in the exported packages, read from the compiled classes. */
    private static List<Class<?>> exportedTypes(Set<String> exported) throws Exception {
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : new TreeSet<>(exported)) {
            Path dir = ModuleBoundaryTest.CLASSES.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".class") || file.equals("package-info.class")) {
                        continue;
                    }
                    Class<?> c = Class.forName(
                            pkg + "." + file.substring(0, file.length() - 6),
                            false,
                            ExportedSignaturesTest.class.getClassLoader());
                    if (publicAllTheWay(c)) {
                        types.add(c);
                    }
                }
            }
        }
        return types;
    }

    private static boolean publicAllTheWay(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers())
                || (Modifier.isProtected(m.getModifiers())
                        && !Modifier.isFinal(m.getDeclaringClass().getModifiers()));
    }

    private static void check(String where, Type t, Set<String> exported, List<String> leaks) {
        if (t == null) {
            return;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            String pkg = c.getPackageName();
            if (pkg.startsWith("org.mlp4j") && !exported.contains(pkg)) {
                leaks.add(where + " -> " + c.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            check(where, p.getRawType(), exported, leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, exported, leaks);
            }
        } else if (t instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), exported, leaks);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, exported, leaks);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, exported, leaks);
            }
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                if (b != Object.class) {
                    check(where, b, exported, leaks);
                }
            }
        }
    }
}
