package org.neuromix.app.pipeline;

/** The pipeline on the embedded default database (H2). */
class H2PipelineTest extends PipelineTest {
}
