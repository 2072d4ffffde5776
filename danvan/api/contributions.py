"""The API app contributes nothing to the registries; it reads the routers."""


def register() -> None:
    return None
