package io.consentmesh.agent.stores;

import io.consentmesh.agent.config.AgentConfig;
import io.consentmesh.messaging.deletion.Store;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * This agent's stores, built once from its configuration for both of its jobs (deletions and file exports), and the
 * worker threads their blocking clients (the S3 SDK) run on — never the event loop.
 */
@ApplicationScoped
public class StoreClients {

    private final ExecutorService workers;
    private final Map<String, Store> stores;

    StoreClients(AgentConfig config) {
        // the JDK's HTTP client under the S3 SDK keeps 5 idle connections per server unless told otherwise: one per
        // concurrent call, or every call beyond the fifth opens (and closes) a connection of its own
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(config.concurrency()));
        }
        int threads = config.concurrency() + config.exportConcurrency();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "agent-store-call");
            thread.setDaemon(true);
            return thread;
        });
        this.stores = Stores.of(config, workers);
    }

    public Map<String, Store> all() {
        return stores;
    }

    public ExecutorService workers() {
        return workers;
    }

    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }
}
