"""The build's stages after reading: each subpackage is one, registered by ``portal.register``."""
