/** The numbered workloads of issue 8, each measuring this project, CPython and (where one exists) a plain-JDK limit. */
package dev.pyconcurrent.benchmarks.workloads;
