#!/usr/bin/env python3
"""A Hermes action in Python with paho-mqtt (1.x): takes a coffee order, asks "Anything else?" (a
follow-up that accepts only another orderDrink, no wake word needed) and confirms both drinks.
Works against Snips, Rhasspy or Hark alike. Usage: order_drinks.py [HOST [PORT]]"""
import json
import sys

import paho.mqtt.client as mqtt

HOST = sys.argv[1] if len(sys.argv) > 1 else "localhost"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 1883


def drink(intent):
    """'large latte' from the slots' resolved values."""
    values = {slot["slotName"]: slot["value"]["value"] for slot in intent["slots"]}
    return " ".join(values[name] for name in ("size", "roast", "coffeeDrink") if name in values)


def on_connect(client, userdata, flags, rc):
    client.subscribe("hermes/intent/orderDrink", qos=1)


def on_message(client, userdata, message):
    intent = json.loads(message.payload)
    # the drinks so far travel with the session, in its customData
    drinks = json.loads(intent["customData"]) if intent.get("customData") else []
    drinks.append(drink(intent))
    if len(drinks) == 1:
        reply = ("hermes/dialogueManager/continueSession",
                 {"sessionId": intent["sessionId"], "text": "One " + drinks[0] + ". Anything else?",
                  "intentFilter": ["orderDrink"], "customData": json.dumps(drinks)})
    else:
        reply = ("hermes/dialogueManager/endSession",
                 {"sessionId": intent["sessionId"], "text": "Coming up: " + " and ".join(drinks) + "."})
    client.publish(reply[0], json.dumps(reply[1]), qos=1)


client = mqtt.Client()
client.on_connect = on_connect
client.on_message = on_message
client.connect(HOST, PORT)
client.loop_forever()
