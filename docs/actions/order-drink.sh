#!/bin/sh
# A Hermes action in shell: answers every orderDrink intent on the bus, then ends the session.
# Works against Snips, Rhasspy or Hark alike. Needs mosquitto-clients and jq.
# Usage: order-drink.sh [HOST [PORT]]
host=${1:-localhost}
port=${2:-1883}

mosquitto_sub -h "$host" -p "$port" -q 1 -t hermes/intent/orderDrink | while read -r intent; do
  session=$(printf '%s' "$intent" | jq -r .sessionId)
  # the slots' resolved values, in the order they were said: "dark roast large americano"
  drink=$(printf '%s' "$intent" | jq -r '[.slots[] | select(.slotName == "size" or .slotName == "roast"
                                                               or .slotName == "coffeeDrink") | .value.value] | join(" ")')
  reply=$(jq -cn --arg session "$session" --arg text "One $drink, coming up." '{sessionId: $session, text: $text}')
  mosquitto_pub -h "$host" -p "$port" -q 1 -t hermes/dialogueManager/endSession -m "$reply"
done
