"""The Textual front end. Screens live in ``screens/``, reusable widgets in ``widgets/``, and each
family has its own ``.tcss`` sheet beside it. Screens call the core; they hold no domain logic."""
