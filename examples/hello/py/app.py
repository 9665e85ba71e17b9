"""ANY /py — a Python handler, run by Stratus through the Lambda Runtime API."""
import json
import logging
import os

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    method = event["requestContext"]["http"]["method"]
    logger.info("python got %s", method)
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({
            "message": f"{os.environ['GREETING']} from Python",
            "method": method,
            "body": event.get("body"),
            "function": context.function_name,
        }),
    }
