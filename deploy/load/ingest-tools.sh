# Sourced (from the repository's root) by the scripts that run call-ingest-service's test-scope tools — the load
# generators and the fault-injection harness: compiles them if the class named in $1 (under test-classes) is missing,
# then sets CP to their classpath.
#   source deploy/load/ingest-tools.sh io/consentmesh/ingest/chaos/FaultRun.class
[ -e "call-ingest-service/target/test-classes/$1" ] || ./mvnw -B -q -pl call-ingest-service -am test-compile
CP="call-ingest-service/target/test-classes:call-ingest-service/target/classes"
CP="$CP:$(ls mesh-contracts/target/mesh-contracts-*.jar | grep -v sources | head -n 1)"
CP="$CP:$(ls mesh-testkit/target/mesh-testkit-*.jar | grep -v sources | head -n 1)"   # KafkaTestClient, OpenLoop
CP="$CP:call-ingest-service/target/quarkus-app/lib/main/*"   # Vert.x client, Bouncy Castle, kafka-clients
