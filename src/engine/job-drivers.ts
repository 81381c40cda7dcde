// Job queues and schedulers that call the user's function once per job or per tick, as data (the
// models-as-data idea). The repetition lives inside the library, so a file like
//   new Worker("summaries", async (job) => openai.chat.completions.create(...))
// shows a single provider call; these rows say the call runs once per queued job (or on a
// schedule), the way `setInterval` already says so for timers.
//
// Row format:
//   modules   import sources the entry point comes from (a source that starts with one matches too);
//             the file must import one of them
//   name      what is called or applied: for `call`, the imported name and members after it
//             (`Worker`, `schedules.task`); for `method` and `decorator`, the last member
//             (`process` of `queue.process(fn)`, `task` of `@app.task`); for `override`, the method
//             a subclass defines
//   form      `call` of an imported name; `method` called on an object (a queue, a consumer, a
//             scheduler the file builds from the module); `decorator` over a function or method;
//             `override` of a method of the base class `base`
//   handler   where the per-job function goes in a call: a positional index, `last` for the last
//             positional argument, or an option name (a property of the options object in TS/JS, a
//             keyword argument in Python); not used by decorators and overrides
//   kind      `queue` (once per job taken from a queue or an event) or `timer` (on a schedule)
//   base      for `override`: the base class the subclass extends
import { isFromModule } from './import-sources';
export interface JobDriver {
  modules: string[];
  name: string;
  form: 'call' | 'method' | 'decorator' | 'override';
  handler?: number | 'last' | string;
  kind: 'queue' | 'timer';
  base?: string;
}

export const JOB_DRIVERS: JobDriver[] = [
  // BullMQ: new Worker(queueName, processor, options)
  { modules: ['bullmq'], name: 'Worker', form: 'call', handler: 1, kind: 'queue' },
  // Bull and Bee-Queue: queue.process(fn), queue.process(name, concurrency, fn)
  { modules: ['bull', 'bee-queue'], name: 'process', form: 'method', handler: 'last', kind: 'queue' },
  // pg-boss: boss.work(queue, options?, handler)
  { modules: ['pg-boss'], name: 'work', form: 'method', handler: 'last', kind: 'queue' },
  // Agenda: agenda.define(name, options?, handler)
  { modules: ['agenda', '@hokify/agenda'], name: 'define', form: 'method', handler: 'last', kind: 'queue' },
  // KafkaJS: consumer.run({ eachMessage }) or consumer.run({ eachBatch })
  { modules: ['kafkajs'], name: 'run', form: 'method', handler: 'eachMessage', kind: 'queue' },
  { modules: ['kafkajs'], name: 'run', form: 'method', handler: 'eachBatch', kind: 'queue' },
  // amqplib: channel.consume(queue, onMessage)
  { modules: ['amqplib', 'amqp-connection-manager'], name: 'consume', form: 'method', handler: 1, kind: 'queue' },
  // sqs-consumer: Consumer.create({ queueUrl, handleMessage })
  { modules: ['sqs-consumer'], name: 'Consumer.create', form: 'call', handler: 'handleMessage', kind: 'queue' },
  { modules: ['sqs-consumer'], name: 'Consumer.create', form: 'call', handler: 'handleMessageBatch', kind: 'queue' },
  // Inngest: inngest.createFunction(config, trigger, handler)
  { modules: ['inngest'], name: 'createFunction', form: 'method', handler: 2, kind: 'queue' },
  // Trigger.dev: task({ id, run }), schedules.task({ id, cron, run })
  { modules: ['@trigger.dev/sdk'], name: 'task', form: 'call', handler: 'run', kind: 'queue' },
  { modules: ['@trigger.dev/sdk'], name: 'schedules.task', form: 'call', handler: 'run', kind: 'timer' },
  // NestJS: @Process() on a Bull processor's method; a BullMQ processor extends WorkerHost and
  // overrides process(job); @Cron() and @Interval() from the schedule module.
  { modules: ['@nestjs/bull'], name: 'Process', form: 'decorator', kind: 'queue' },
  { modules: ['@nestjs/bullmq'], name: 'process', form: 'override', base: 'WorkerHost', kind: 'queue' },
  { modules: ['@nestjs/schedule'], name: 'Cron', form: 'decorator', kind: 'timer' },
  { modules: ['@nestjs/schedule'], name: 'Interval', form: 'decorator', kind: 'timer' },
  // node-cron: cron.schedule(expression, fn); node-schedule: schedule.scheduleJob(rule, fn)
  { modules: ['node-cron'], name: 'schedule', form: 'call', handler: 1, kind: 'timer' },
  { modules: ['node-schedule'], name: 'scheduleJob', form: 'call', handler: 'last', kind: 'timer' },
  // cron: new CronJob(expression, onTick), CronJob.from({ cronTime, onTick })
  { modules: ['cron'], name: 'CronJob', form: 'call', handler: 1, kind: 'timer' },
  { modules: ['cron'], name: 'CronJob.from', form: 'call', handler: 'onTick', kind: 'timer' },
  // croner: Cron(expression, options?, fn)
  { modules: ['croner'], name: 'Cron', form: 'call', handler: 'last', kind: 'timer' },
  // Celery: @app.task, @shared_task; Dramatiq: @dramatiq.actor; Huey: @huey.task(), @huey.periodic_task(...)
  { modules: ['celery'], name: 'task', form: 'decorator', kind: 'queue' },
  { modules: ['celery'], name: 'shared_task', form: 'decorator', kind: 'queue' },
  { modules: ['celery'], name: 'periodic_task', form: 'decorator', kind: 'timer' },
  { modules: ['dramatiq'], name: 'actor', form: 'decorator', kind: 'queue' },
  { modules: ['huey'], name: 'task', form: 'decorator', kind: 'queue' },
  { modules: ['huey'], name: 'periodic_task', form: 'decorator', kind: 'timer' },
  { modules: ['huey'], name: 'db_periodic_task', form: 'decorator', kind: 'timer' },
  // RQ: queue.enqueue(fn, *args); the worker runs fn once per enqueued job.
  { modules: ['rq'], name: 'enqueue', form: 'method', handler: 0, kind: 'queue' },
  // pika: channel.basic_consume(queue=…, on_message_callback=cb); aio-pika: queue.consume(cb)
  { modules: ['pika'], name: 'basic_consume', form: 'method', handler: 'on_message_callback', kind: 'queue' },
  { modules: ['aio_pika'], name: 'consume', form: 'method', handler: 0, kind: 'queue' },
  // Google Cloud Pub/Sub: subscriber.subscribe(path, callback=cb)
  { modules: ['google.cloud.pubsub', 'google.cloud.pubsub_v1'], name: 'subscribe', form: 'method', handler: 'callback', kind: 'queue' },
  // APScheduler: scheduler.add_job(fn, trigger, …), @scheduler.scheduled_job(trigger, …)
  { modules: ['apscheduler'], name: 'add_job', form: 'method', handler: 0, kind: 'timer' },
  { modules: ['apscheduler'], name: 'scheduled_job', form: 'decorator', kind: 'timer' },
  // schedule: schedule.every(10).minutes.do(job)
  { modules: ['schedule'], name: 'do', form: 'method', handler: 0, kind: 'timer' },
];

/** The rows whose modules include `source`. */
export function jobDriversOf(source: string): JobDriver[] {
  return JOB_DRIVERS.filter((row) => row.modules.some((m) => isFromModule(source, m)));
}
