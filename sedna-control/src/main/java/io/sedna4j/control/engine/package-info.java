/**
 * The reconcile engine: {@link io.sedna4j.control.engine.ReconcileEngine} runs one
 * {@link io.sedna4j.control.engine.Controller} per kind over a work queue keyed {@code Kind/namespace/name}, applies
 * the workers they plan through the {@code WorkerPlatform}, writes statuses to the {@code ResourceStore}, keeps the
 * nodes' Local Controllers supplied through the {@code EdgeChannel}, and folds their status reports back in.
 */
package io.sedna4j.control.engine;
