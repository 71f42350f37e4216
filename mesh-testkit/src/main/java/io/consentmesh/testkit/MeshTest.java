package io.consentmesh.testkit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @QuarkusTest} against the real broker and database of {@link MeshInfrastructure}, one test resource
 * for every test class of the JVM ({@link TestResourceScope#GLOBAL}), so going from one test class to the next does
 * not restart the application. Put it beside {@code @QuarkusTest}:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;MeshTest
 * class StopBlocksSmsTest { ... }
 * </pre>
 *
 * <p>{@code @QuarkusTest} stays on the test class: Quarkus 3.37.1 finds it on a meta-annotation from this jar but does
 * not make the test class a bean, so nothing can be injected into it ("No bean found for required type [class
 * ...Test]", quarkusio/quarkus#56133; the fix, quarkusio/quarkus#56146, is not in 3.37.1).
 */
@WithTestResource(value = MeshInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface MeshTest {}
