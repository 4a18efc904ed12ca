package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.EngineConfig;
import io.rudp.internal.PublicTypes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The user's settings hold the engine's, validated once by the engine's builder. */
class RudpConfigTest {

    @Test
    void everyEngineSettingHasAGetterAndASetterOfTheSameName() throws Exception {
        for (Method m : EngineConfig.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || m.getName().equals("toBuilder")) {
                continue;
            }
            assertThat(RudpConfig.class.getMethod(m.getName(), m.getParameterTypes())).as(m.getName()).isNotNull();
        }
        for (Method m : EngineConfig.Builder.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || m.getName().equals("build")) {
                continue;
            }
            Class<?>[] types = m.getParameterTypes();
            Class<?>[] userTypes = Arrays.stream(types)
                    .map(t -> t == io.rudp.core.CongestionControl.class ? CongestionControl.class : t).toArray(Class<?>[]::new);
            assertThat(RudpConfig.Builder.class.getMethod(m.getName(), userTypes)).as(m.getName()).isNotNull();
        }
    }

    @Test
    void defaultsAreTheEnginesDefaults() {
        assertThat(RudpConfig.defaults().engineConfig()).isSameAs(EngineConfig.defaults());
        assertThat(RudpConfig.builder().build().toString())
                .isEqualTo(EngineConfig.defaults().toString().replace("EngineConfig{", "RudpConfig{"));
        assertThat(RudpConfig.defaults().congestionControl()).isEqualTo(CongestionControl.BBR);
        assertThat(RudpConfig.defaults().closeTimeout()).isEqualTo(EngineConfig.defaults().closeTimeout());
    }

    @Test
    void settersReachTheEngineAndGettersReadThemBack() {
        RudpConfig c = RudpConfig.builder().idleTimeout(Duration.ofSeconds(90)).maxDatagramBytes(1400)
                .congestionControl(CongestionControl.CUBIC).acceptBacklog(7).build();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.maxDatagramBytes()).isEqualTo(1400);
        assertThat(c.congestionControl()).isEqualTo(CongestionControl.CUBIC);
        assertThat(c.engineConfig().congestionControl()).isEqualTo(io.rudp.core.CongestionControl.CUBIC);
        assertThat(c.engineConfig().acceptBacklog()).isEqualTo(7);

        RudpConfig d = c.toBuilder().acceptBacklog(9).build();
        assertThat(d.acceptBacklog()).isEqualTo(9);
        assertThat(d.maxDatagramBytes()).isEqualTo(1400);
        assertThat(c.acceptBacklog()).isEqualTo(7); // immutable
    }

    @Test
    void everyControllerMapsBothWays() {
        for (CongestionControl cc : CongestionControl.values()) {
            RudpConfig c = RudpConfig.builder().congestionControl(cc).build();
            assertThat(c.congestionControl()).isEqualTo(cc);
            assertThat(c.engineConfig().congestionControl().name()).isEqualTo(cc.name());
        }
        assertThat(CongestionControl.values()).hasSameSizeAs(io.rudp.core.CongestionControl.values());
    }

    @Test
    void theEnginesValidationAppliesWithItsMessages() {
        assertThatThrownBy(() -> RudpConfig.builder().maxDatagramBytes(1199))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDatagramBytes").hasMessageContaining("1200");
        assertThatThrownBy(() -> RudpConfig.builder().idleTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> RudpConfig.builder().congestionControl(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("congestionControl");
        assertThatThrownBy(() -> RudpConfig.builder().minRto(Duration.ofSeconds(2)).maxRto(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minRto");
    }

    @Test
    void theBridgeHandsOverTheSameEngineSettingsAndNoOtherCodeCanStandIn() {
        RudpConfig c = RudpConfig.builder().ackDelay(Duration.ofMillis(3)).build();
        assertThat(PublicTypes.engineConfig(c)).isSameAs(c.engineConfig());
        EngineConfig e = EngineConfig.builder().ackDelay(Duration.ofMillis(4)).build();
        assertThat(PublicTypes.engineConfig(PublicTypes.rudpConfig(e))).isSameAs(e);
        assertThat(PublicTypes.rudpConfig(EngineConfig.defaults())).isSameAs(RudpConfig.defaults());

        assertThatThrownBy(() -> PublicTypes.registerConfigAccess(new PublicTypes.ConfigAccess() {
            @Override
            public EngineConfig engineConfig(RudpConfig config) {
                return EngineConfig.defaults();
            }

            @Override
            public RudpConfig rudpConfig(EngineConfig config) {
                return RudpConfig.defaults();
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only RudpConfig");
    }

    @Test
    void engineConfigIsNotPublicApi() throws Exception {
        Method m = RudpConfig.class.getDeclaredMethod("engineConfig");
        assertThat(Modifier.isPublic(m.getModifiers())).isFalse();
        for (Method pm : RudpConfig.class.getMethods()) {
            assertThat(pm.getReturnType()).as(pm.getName()).isNotEqualTo(EngineConfig.class);
        }
    }
}
