/**
 * One controller per Sedna kind ({@link io.sedna4j.control.controllers.Controllers#standard()}), and what they share:
 * worker naming and Sedna's environment contract ({@code Workers}), node choice ({@code Placement}), condition lists
 * ({@code Conditions}), service and job statuses, and the incremental/lifelong learning stage machine
 * ({@code LearningJobs}). Controllers do no I/O: they plan from the resource and what the engine observed.
 */
package io.sedna4j.control.controllers;
