package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wechatadvisor.recommendation.domain.Profile;

class FactsClassLoaderTest {

    /** The application's loader, writing down every name it is asked for. */
    private static final class Asked extends ClassLoader {

        final List<String> names = new ArrayList<>();

        Asked() {
            super(FactsClassLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            names.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void findsTheApplicationsClasses() throws ClassNotFoundException {
        FactsClassLoader loader = new FactsClassLoader(new Asked());

        assertThat(loader.loadClass(Profile.class.getName())).isSameAs(Profile.class);
        assertThat(Class.forName("java.lang.String", false, loader)).isSameAs(String.class);
    }

    @Test
    void asksForAMissingClassOnce() {
        Asked parent = new Asked();
        FactsClassLoader loader = new FactsClassLoader(parent);
        String name = Profile.class.getPackageName() + ".NoSuchFact";

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> loader.loadClass(name)).isInstanceOf(ClassNotFoundException.class)
                    .hasMessageContaining("NoSuchFact");
        }
        assertThat(parent.names).containsExactly(name);
    }

    @Test
    void neverAsksForAPropertyName() {
        Asked parent = new Asked();
        FactsClassLoader loader = new FactsClassLoader(parent);

        for (String name : List.of(Profile.class.getPackageName() + ".entityType",
                Profile.class.getPackageName() + "$goals", "wantsPayment")) {
            assertThatThrownBy(() -> loader.loadClass(name)).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(parent.names).isEmpty();
    }
}
