"""
Stratus's Python runtime for Lambda: a Runtime API client on the standard library only.

It behaves as Lambda's own Python runtime (aws-lambda-python-runtime-interface-client,
awslambdaric/bootstrap.py) does: handler resolution and its Runtime.* errors, the context object,
the root logger's format, error payloads {errorMessage, errorType, requestId, stackTrace}, and
warm reuse (the handler module is imported once). The context object, logging and marshalling
live in runtime_support.py beside this file.

Usage (by Stratus): python3 -B bootstrap.py <address-space limit in bytes, 0 for none>
Environment: AWS_LAMBDA_RUNTIME_API, _HANDLER, _LAMBDA_TELEMETRY_LOG_FD (framed log events).

Differs from Lambda on purpose: out of memory is a MemoryError under an address-space limit,
which the runtime turns into the SIGKILL that Lambda's memory cgroup would have sent.
"""
import http.client
import importlib
import logging
import os
import signal
import sys
import traceback

_OWN_DIR = os.path.dirname(os.path.abspath(__file__))
# Python put this file's folder first on sys.path; a handler module must never resolve here.
if sys.path and os.path.abspath(sys.path[0] or ".") == _OWN_DIR:
    sys.path.pop(0)

RUNTIME_API_VERSION = "2018-06-01"
INIT_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. For "
    "functions using managed runtimes, runtime updates can be triggered by a function change, or can "
    "be applied automatically. To determine if the runtime has been updated, check the runtime version "
    "in the INIT_START log entry. If this error correlates with a change in the runtime version, you "
    "may be able to mitigate this error by temporarily rolling back to the previous runtime version. "
    "For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


def _load_support():
    """Loads runtime_support.py beside this file without putting this folder on sys.path."""
    import importlib.util

    name = "_stratus_lambda_runtime_support"
    spec = importlib.util.spec_from_file_location(name, os.path.join(_OWN_DIR, "runtime_support.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


support = _load_support()
FaultException = support.FaultException


# ---------------------------------------------------------------- handler and errors


def load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, e))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR, "Unable to import module '{}': {}".format(modname, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR, "Syntax error in module '{}': {}".format(modname, e), trace
        )
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(
            FaultException.HANDLER_NOT_FOUND, "Handler '{}' missing on module '{}'".format(fname, modname)
        )


def make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace or [],
    }


def error_from_exception(exc_info, request_id=None):
    etype, value, tb = exc_info
    frames = traceback.extract_tb(tb)
    # Drop the runtime's own frames: the trace starts in the user's code.
    for i, frame in enumerate(frames):
        if frame.filename != __file__:
            frames = frames[i:]
            break
    return make_error(str(value), etype.__name__, traceback.format_list(frames), request_id)


def die_of_memory():
    """Lambda's memory cgroup kills the runtime; do the same so the platform reports Runtime.OutOfMemory."""
    os.kill(os.getpid(), signal.SIGKILL)


# ---------------------------------------------------------------- Runtime API client


class Invocation:
    def __init__(self, headers, body):
        self.request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or 0)
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.trace_id = headers.get("Lambda-Runtime-Trace-Id")
        self.client_context = headers.get("Lambda-Runtime-Client-Context")
        self.cognito_identity = headers.get("Lambda-Runtime-Cognito-Identity")
        self.body = body


class RuntimeClient:
    """http.client rather than urllib: no proxy variables apply, and one kept-alive connection."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.host, self.port = host, int(port)
        self.connection = None

    def _request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            connection = self.connection or http.client.HTTPConnection(self.host, self.port)
            try:
                connection.request(method, "/%s/runtime%s" % (RUNTIME_API_VERSION, path), body, headers or {})
                response = connection.getresponse()
                data = response.read()
                self.connection = connection
                return response, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                connection.close()
                self.connection = None
                if attempt == 2:
                    raise

    def next_invocation(self):
        response, body = self._request("GET", "/invocation/next")
        if response.status != 200:
            raise RuntimeError("Runtime API /next answered %d: %r" % (response.status, body))
        return Invocation(response.headers, body)

    def post_response(self, request_id, payload, content_type):
        self._request("POST", "/invocation/%s/response" % request_id, payload, {"Content-Type": content_type})

    def post_error(self, request_id, error):
        self._post_error("/invocation/%s/error" % request_id, error)

    def post_init_error(self, error):
        self._post_error("/init/error", error)

    def _post_error(self, path, error):
        headers = {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error["errorType"]}
        self._request("POST", path, support.to_json(error, True).encode("utf-8"), headers)


# ---------------------------------------------------------------- main loop


def handle_invocation(client, handler, invocation, sink):
    support.current_request_id = invocation.request_id
    if invocation.trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = invocation.trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    error = None
    try:
        client_context = support.parse_json_header(invocation.client_context, "Client Context") if invocation.client_context else None
        identity = support.parse_json_header(invocation.cognito_identity, "Cognito Identity") if invocation.cognito_identity else None
        context = support.LambdaContext(
            invocation.request_id, client_context, identity, invocation.deadline_ms, invocation.invoked_function_arn
        )
        event = support.unmarshal_event(invocation.body)
        payload, content_type = support.marshal_response(handler(event, context))
    except FaultException as e:
        error = make_error(e.msg, e.exception_type, e.trace, invocation.request_id)
    except MemoryError:
        die_of_memory()
    except Exception:
        error = error_from_exception(sys.exc_info(), invocation.request_id)
    if error is not None:
        support.log_error(error, sink)
        client.post_error(invocation.request_id, error)
    else:
        client.post_response(invocation.request_id, payload, content_type)


def apply_memory_limit(limit_bytes):
    if limit_bytes <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    except (ImportError, ValueError, OSError):
        pass  # not enforceable here (e.g. a lower hard limit): run without it


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    sys.argv = sys.argv[:1]
    apply_memory_limit(limit)
    sys.stdout = support.Unbuffered(sys.stdout)
    sys.stderr = support.Unbuffered(sys.stderr)
    sink = support.create_log_sink()
    support.setup_logging(sink)
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except MemoryError:
        die_of_memory()
    except Exception as e:
        if isinstance(e, FaultException):
            error = make_error(e.msg, e.exception_type, e.trace)
        else:
            error = error_from_exception(sys.exc_info())
        logging.warning(INIT_WARNING)
        support.log_error(error, sink)
        client.post_init_error(error)
        sys.exit(1)
    while True:
        invocation = client.next_invocation()
        handle_invocation(client, handler, invocation, sink)


if __name__ == "__main__":
    try:
        main()
    except MemoryError:
        die_of_memory()
