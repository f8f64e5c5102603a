/**
 * The kinds of object that stand for pods in a network model.
 *
 * A workload (Deployment, StatefulSet, ...) stands for the pods of its pod template: their labels,
 * namespace and container ports.
 */
export enum WorkloadKind {
  /** A single pod. */
  POD = 'Pod',
  /** The pods of an `apps/v1` Deployment. */
  DEPLOYMENT = 'Deployment',
  /** The pods of an `apps/v1` StatefulSet. */
  STATEFUL_SET = 'StatefulSet',
  /** The pods of an `apps/v1` DaemonSet. */
  DAEMON_SET = 'DaemonSet',
  /** The pods of an `apps/v1` ReplicaSet. */
  REPLICA_SET = 'ReplicaSet',
  /** The pods of a `batch/v1` Job. */
  JOB = 'Job',
  /** The pods of a `batch/v1` CronJob (its `spec.jobTemplate.spec.template`). */
  CRON_JOB = 'CronJob',
  /** The pods of a `v1` ReplicationController (the predecessor of ReplicaSet). */
  REPLICATION_CONTROLLER = 'ReplicationController',
}
