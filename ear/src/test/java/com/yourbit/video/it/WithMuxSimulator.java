package com.yourbit.video.it;

import com.yourbit.video.it.mux.MuxSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a test class against the server with Mux as a provider needs: the application
 * deployed, and the Mux simulator running on {@code it.mux.port} (where the server's action
 * map points) for the whole class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class WithMuxSimulator {

    static MuxSimulator mux;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @BeforeAll
    static void startSimulator() {
        mux = MuxFixture.startSimulator();
    }

    @AfterAll
    static void stopSimulator() {
        mux.close();
    }
}
