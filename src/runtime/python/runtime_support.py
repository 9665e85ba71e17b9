"""
Pieces of Stratus's Python runtime that mirror Lambda's Python runtime client
(awslambdaric: lambda_context.py, lambda_runtime_marshaller.py, the logging set-up of
bootstrap.py). Loaded by bootstrap.py from its file under a private module name, so nothing of
the runtime can shadow or be shadowed by the function's own modules.
"""
import decimal
import json
import logging
import os
import sys
import time
import uuid

ERROR_LOG_INDENT = "\u00a0"  # Lambda indents traceback lines with NO-BREAK SPACE
TELEMETRY_FRAME_TYPE = 0xA55A0003.to_bytes(4, "big")

# The request being handled, for the log format's request id column.
current_request_id = None


class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


# ---------------------------------------------------------------- output and logging


class Unbuffered:
    """print() output reaches the log at once, as on Lambda."""

    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def write(self, msg):
        self.stream.write(msg)
        self.stream.flush()

    def writelines(self, msgs):
        self.stream.writelines(msgs)
        self.stream.flush()


class TelemetrySink:
    """One frame per log event: type, length, timestamp (µs), UTF-8 message (big-endian)."""

    def __init__(self, fd):
        self.file = os.fdopen(fd, "wb", 0)

    def log(self, msg):
        data = msg.encode("utf-8")
        micros = time.time_ns() // 1000
        self.file.write(TELEMETRY_FRAME_TYPE + len(data).to_bytes(4, "big") + micros.to_bytes(8, "big") + data)


class StdoutSink:
    def log(self, msg):
        sys.stdout.write(msg if msg.endswith("\n") else msg + "\n")


def create_log_sink():
    fd = os.environ.pop("_LAMBDA_TELEMETRY_LOG_FD", None)
    return TelemetrySink(int(fd)) if fd else StdoutSink()


class LambdaLoggerHandler(logging.Handler):
    def __init__(self, sink):
        super().__init__()
        self.sink = sink

    def emit(self, record):
        try:
            self.sink.log(self.format(record))
        except Exception:
            self.handleError(record)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = current_request_id or ""
        return True


def setup_logging(sink):
    logging.Formatter.converter = time.gmtime
    handler = LambdaLoggerHandler(sink)
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(RequestIdFilter())
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    root = logging.getLogger()
    if level in logging._nameToLevel:
        root.setLevel(level)
    root.addHandler(handler)


def log_error(error, sink):
    """`[ERROR] Type: message` then the traceback, as one log event (Lambda's text format)."""
    description = "[ERROR]"
    if error.get("errorType"):
        description += " " + error["errorType"]
    if error.get("errorMessage"):
        description += (":" if error.get("errorType") else "") + " " + error["errorMessage"]
    lines = [description]
    stack = error.get("stackTrace")
    if stack is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack:
            for line in element.splitlines() or [""]:
                stripped = line.lstrip(" ")
                lines.append(ERROR_LOG_INDENT * (len(line) - len(stripped)) + stripped)
    sink.log("\n".join(lines))


# ---------------------------------------------------------------- marshalling


def to_json(value, ensure_ascii):
    """json.dumps with Decimal written as its exact number (boto3's DynamoDB values), as Lambda does."""
    decimals = []
    marker = "__stratus_decimal_%s_" % uuid.uuid4().hex

    def default(obj):
        if isinstance(obj, decimal.Decimal):
            if obj.is_nan():
                return float("nan")
            decimals.append(str(obj))
            return "%s%d" % (marker, len(decimals) - 1)
        raise TypeError("Object of type %s is not JSON serializable" % obj.__class__.__name__)

    text = json.dumps(value, default=default, ensure_ascii=ensure_ascii)
    for i, number in enumerate(decimals):
        text = text.replace('"%s%d"' % (marker, i), number, 1)
    return text


def ensure_ascii_output():
    """Lambda's python3.12 and later runtimes write non-ASCII characters as they are."""
    env = os.environ.get("AWS_EXECUTION_ENV", "")
    try:
        minor = int(env.rsplit(".", 1)[1]) if env.startswith("AWS_Lambda_python3.") else 0
    except ValueError:
        minor = 0
    return minor < 12


def marshal_response(response):
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json(response, ensure_ascii_output()).encode("utf-8"), "application/json"
    except Exception as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(e))


def unmarshal_event(body):
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(e))


# ---------------------------------------------------------------- context


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext:
    __slots__ = ["custom", "env", "client"]


def make_obj_from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


class LambdaContext:
    def __init__(self, request_id, client_context, cognito_identity, deadline_ms, invoked_function_arn):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = make_obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = make_obj_from_dict(Client, self.client_context.client)
        self.identity = make_obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,identity=%s])" % (
            self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
            self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
            self.client_context, self.identity,
        )


def parse_json_header(value, name):
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(
            FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse {} JSON: {}".format(name, e)
        )
