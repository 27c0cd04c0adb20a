"""Runs a notebook's code cells in a Jupyter kernel, as a notebook front end does, and writes the
notebook with each cell's outputs.

    python3 run-notebook.py notebook.ipynb executed.ipynb [kernel-name]

Used by test/e2e/notebook.e2e.ts with Debian's python3-jupyter-client. Like a front end (and unlike
nbconvert), it files every output under the cell whose request it answers (the message's parent
id), including outputs that arrive after the kernel has reported the cell done: Deno's kernel
sometimes publishes a cell's result just after its "idle" status when the machine is busy, and
nbconvert, which stops listening at "idle", then saves the cell with no output.
"""

import json
import sys
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

CELL_TIMEOUT = 300  # seconds for one cell to reply
QUIET = 2.0  # seconds without a message after the last cell before the outputs are final


def lines(text):
    """Multi-line text as nbformat writes it: a list of lines, each with its line break."""
    return text.splitlines(True) if isinstance(text, str) else text


def bundle(data):
    """A MIME bundle as nbformat writes it: text as lines, JSON types as they are."""
    return {k: (v if k.endswith("json") else lines(v)) for k, v in data.items()}


def output_of(msg):
    """The nbformat output for an IOPub message, or None for messages that are not outputs."""
    kind, content = msg["msg_type"], msg["content"]
    if kind == "stream":
        return {"output_type": "stream", "name": content["name"], "text": lines(content["text"])}
    if kind == "display_data":
        return {"output_type": "display_data", "data": bundle(content["data"]), "metadata": content.get("metadata", {})}
    if kind == "execute_result":
        return {
            "output_type": "execute_result",
            "data": bundle(content["data"]),
            "metadata": content.get("metadata", {}),
            "execution_count": content.get("execution_count"),
        }
    if kind == "error":
        return {"output_type": "error", "ename": content["ename"], "evalue": content["evalue"], "traceback": content["traceback"]}
    return None


def main():
    source, target = sys.argv[1], sys.argv[2]
    kernel = sys.argv[3] if len(sys.argv) > 3 else None
    with open(source, encoding="utf8") as f:
        nb = json.load(f)
    km, kc = start_new_kernel(kernel_name=kernel or nb["metadata"]["kernelspec"]["name"])
    try:
        cells = {}  # request id -> cell
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            cell["outputs"] = []
            code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            request = kc.execute(code, store_history=True)
            cells[request] = cell
            deadline = time.monotonic() + CELL_TIMEOUT
            replied = idle = False
            while not (replied and idle):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"a cell took more than {CELL_TIMEOUT} s")
                try:
                    reply = kc.get_shell_msg(timeout=0.05)
                    if reply["parent_header"].get("msg_id") == request:
                        replied = True
                        cell["execution_count"] = reply["content"].get("execution_count")
                except Empty:
                    pass
                idle = drain(kc, cells, request) or idle
            if any(o["output_type"] == "error" for o in cell["outputs"]):
                break  # as nbconvert does: stop at the first error
        # Late outputs: keep listening until the kernel has been quiet for a while.
        last = time.monotonic()
        while time.monotonic() - last < QUIET:
            if drain(kc, cells, None, wait=0.2):
                last = time.monotonic()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    with open(target, "w", encoding="utf8") as f:
        json.dump(nb, f, indent=1, sort_keys=True, ensure_ascii=False)  # as nbformat writes
        f.write("\n")


def drain(kc, cells, request, wait=0.05):
    """Files the IOPub messages waiting now under their cells. With a request id: whether that
    request's "idle" status was among them; without: whether any message came."""
    seen = False
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=wait)
        except Empty:
            return seen
        parent = msg["parent_header"].get("msg_id")
        if request is None:
            seen = True
        elif parent == request and msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
            seen = True
        cell = cells.get(parent)
        out = output_of(msg) if cell is not None else None
        if out is not None:
            cell["outputs"].append(out)
        wait = 0.01


if __name__ == "__main__":
    main()
