"""What deadlines contributes to the shared registries."""


def register() -> None:
    return None
