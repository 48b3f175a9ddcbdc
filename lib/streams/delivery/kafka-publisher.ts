// Kafka destinations: one kafkajs producer per delivery worker, on CIELO_STREAMS_KAFKA_BROKERS.
import { Kafka, logLevel } from "kafkajs";
import type { KafkaPublisher } from "./run-delivery-pass";

export interface KafkaPublisherHandle extends KafkaPublisher {
  close(): Promise<void>;
}

export async function createKafkaPublisher(brokers: string, clientId = "cielo-streams"): Promise<KafkaPublisherHandle> {
  const kafka = new Kafka({ clientId, brokers: brokers.split(",").map((b) => b.trim()), logLevel: logLevel.WARN });
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  return {
    send: async (topic, messages) => {
      await producer.send({ topic, messages });
    },
    close: () => producer.disconnect(),
  };
}
